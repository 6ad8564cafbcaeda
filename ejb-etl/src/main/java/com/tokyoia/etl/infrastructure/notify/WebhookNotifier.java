package com.tokyoia.etl.infrastructure.notify;

import com.tokyoia.etl.application.alerting.Incident;
import com.tokyoia.etl.application.alerting.Notice;
import com.tokyoia.etl.application.port.AlertChannel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Posts a Slack-compatible message ({@code text} plus a section block) to a webhook; the same
 * facts are also sent as plain fields for machines: alert, state, subject, incidentId, summary,
 * action, and the finding's facts (for an ETL failure: job, table, day, error, executionId).
 */
public final class WebhookNotifier implements AlertChannel {
    private static final Logger LOG = Logger.getLogger(WebhookNotifier.class.getName());
    private final URI url;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public WebhookNotifier(URI url) {
        this.url = url;
    }

    @Override
    public void send(Notice notice) {
        Incident incident = notice.incident();
        String icon = notice.state() == Notice.State.OPENED ? ":rotating_light: " : ":white_check_mark: ";
        String text = icon + notice.title() + ": " + incident.summary()
                + (notice.state() == Notice.State.OPENED ? "\nWhat to do: " + incident.action() : "");
        StringBuilder body = new StringBuilder("{\"text\":").append(json(text))
                .append(",\"blocks\":[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":").append(json(text)).append("}}]")
                .append(",\"alert\":").append(json(incident.kind().spelling()))
                .append(",\"state\":").append(json(notice.state().name()))
                .append(",\"subject\":").append(json(incident.subject()))
                .append(",\"incidentId\":").append(incident.id())
                .append(",\"summary\":").append(json(incident.summary()))
                .append(",\"action\":").append(json(incident.action()));
        new TreeMap<>(notice.facts()).forEach((name, value) -> body.append(',').append(json(name)).append(':')
                .append("executionId".equals(name) ? value : json(value)));
        body.append('}');
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                LOG.warning(() -> "Alert webhook answered " + response.statusCode() + " for " + notice.title());
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.log(Level.WARNING, "Could not deliver the alert webhook for " + notice.title(), e);
        }
    }

    static String json(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}

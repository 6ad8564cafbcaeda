package com.tokyoia.etl.infrastructure.notify;

import com.tokyoia.etl.application.port.FailureNotifier;
import com.tokyoia.etl.application.port.FailureReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Posts a Slack-compatible message ({@code text} plus a section block) to a webhook; the same
 * facts are also sent as plain fields for machines (job, table, day, error, executionId).
 */
public final class WebhookNotifier implements FailureNotifier {
    private static final Logger LOG = Logger.getLogger(WebhookNotifier.class.getName());
    private final URI url;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public WebhookNotifier(URI url) {
        this.url = url;
    }

    @Override
    public void notify(FailureReport report) {
        String text = ":rotating_light: Tokyo-IA export failed: job " + report.job() + ", table " + report.table()
                + ", day " + report.day() + ", execution " + report.executionId() + ": " + report.error();
        String body = "{\"text\":" + json(text)
                + ",\"blocks\":[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":" + json(text) + "}}]"
                + ",\"job\":" + json(report.job()) + ",\"table\":" + json(report.table()) + ",\"day\":" + json(report.day())
                + ",\"error\":" + json(report.error()) + ",\"executionId\":" + report.executionId() + "}";
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                LOG.warning(() -> "Alert webhook answered " + response.statusCode() + " for " + report);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.log(Level.WARNING, "Could not deliver the alert webhook for " + report, e);
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

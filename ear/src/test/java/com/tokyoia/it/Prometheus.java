package com.tokyoia.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.testing.Http;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The server's Prometheus text (management port, /metrics), read one series at a time. */
final class Prometheus {
    private static final Pattern SERIES = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{([^}]*)\\})?\\s+([0-9.eE+-]+|NaN)$",
            Pattern.MULTILINE);
    private final String text;

    private Prometheus(String text) {
        this.text = text;
    }

    static Prometheus scrape() {
        Http.Reply metrics = Http.get(Http.MANAGEMENT + "/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        return new Prometheus(metrics.body());
    }

    /** The series' value, or empty when no series of that name carries all the labels (each as name="value"). */
    Optional<Double> value(String name, String... labels) {
        Matcher m = SERIES.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(name) && hasAll(m.group(2) == null ? "" : m.group(2), labels)) {
                return Optional.of(Double.parseDouble(m.group(3)));
            }
        }
        return Optional.empty();
    }

    /** The value, 0 when the series does not exist yet (a counter appears at its first increment). */
    double counter(String name, String... labels) {
        return value(name, labels).orElse(0.0);
    }

    private static boolean hasAll(String present, String... labels) {
        for (int i = 0; i < labels.length; i += 2) {
            if (!present.contains(labels[i] + "=\"" + labels[i + 1] + "\"")) {
                return false;
            }
        }
        return true;
    }
}

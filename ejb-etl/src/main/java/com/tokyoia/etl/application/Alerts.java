package com.tokyoia.etl.application;

import com.tokyoia.etl.application.port.FailureNotifier;
import com.tokyoia.etl.application.port.FailureReport;
import java.util.List;

/** Every configured alert channel (webhook, e-mail); a channel that fails does not stop the others. */
public final class Alerts {
    private final List<FailureNotifier> channels;

    public Alerts(List<FailureNotifier> channels) {
        this.channels = List.copyOf(channels);
    }

    public static Alerts none() {
        return new Alerts(List.of());
    }

    public int channels() {
        return channels.size();
    }

    public void send(FailureReport report) {
        for (FailureNotifier channel : channels) {
            try {
                channel.notify(report);
            } catch (RuntimeException ignored) {
                // Channels log their own failures; the failure being reported is what must surface.
            }
        }
    }
}

package com.tokyoia.analytics.infrastructure.engine;

import com.tokyoia.platform.config.ConfigReader;
import com.tokyoia.platform.config.InvalidSettingException;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * How the Athena engine runs its queries (tokyoia.athena.*), read only when Athena is the engine.
 * {@code resultReuseMaxAgeMinutes} 0 turns result reuse off.
 */
public record AthenaSettings(String workGroup, String catalog, String database, Optional<String> outputLocation,
                             int resultReuseMaxAgeMinutes, Duration firstPoll, Duration maxPoll, Duration timeout,
                             Optional<URI> endpoint, Optional<String> adminWorkGroup) {

    public static AthenaSettings from(ConfigReader config) {
        AthenaSettings settings = new AthenaSettings(config.text("tokyoia.athena.work-group"), config.text("tokyoia.athena.catalog"),
                config.text("tokyoia.athena.database"), config.optionalText("tokyoia.athena.output-location"),
                config.integer("tokyoia.athena.result-reuse-max-age-minutes", 0, 10_080),
                config.duration("tokyoia.athena.first-poll-ms", ChronoUnit.MILLIS, 1, 60_000),
                config.duration("tokyoia.athena.max-poll-ms", ChronoUnit.MILLIS, 1, 600_000),
                config.duration("tokyoia.athena.timeout-seconds", ChronoUnit.SECONDS, 1, 86_400),
                config.optionalAwsEndpoint("tokyoia.athena.endpoint"),
                config.optionalText("tokyoia.athena.admin-work-group"));
        if (settings.firstPoll().compareTo(settings.maxPoll()) > 0) {
            throw new InvalidSettingException("tokyoia.athena.first-poll-ms", "is " + settings.firstPoll().toMillis()
                    + ", above tokyoia.athena.max-poll-ms (" + settings.maxPoll().toMillis() + ")");
        }
        return settings;
    }
}

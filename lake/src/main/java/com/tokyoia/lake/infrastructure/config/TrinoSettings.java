package com.tokyoia.lake.infrastructure.config;

import com.tokyoia.platform.config.ConfigReader;
import com.tokyoia.platform.config.InvalidSettingException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/** The Trino coordinator that serves the lake's Hive catalog (tokyoia.trino.*). */
public record TrinoSettings(String url, String user, String catalog, String schema, Duration queryTimeout) {

    public static TrinoSettings from(ConfigReader config) {
        String url = config.text("tokyoia.trino.url");
        if (!url.startsWith("jdbc:trino://")) {
            throw new InvalidSettingException("tokyoia.trino.url", "must be a jdbc:trino:// URL, not '" + url + "'");
        }
        return new TrinoSettings(url, config.text("tokyoia.trino.user"), config.text("tokyoia.trino.catalog"),
                config.text("tokyoia.trino.schema"),
                config.duration("tokyoia.trino.query-timeout-seconds", ChronoUnit.SECONDS, 1, 86_400));
    }
}

package com.tokyoia.platform.cache;

import com.tokyoia.platform.config.ConfigReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Where Redis is and how the client treats it (tokyoia.redis.*): AUTH with the password when set,
 * TLS when asked (checked against the CA file when given, else the JVM's trust store).
 */
public record CacheSettings(String host, int port, Optional<String> password, int database, Duration timeout,
                            int poolSize, Duration retryInterval, String keyPrefix, boolean tls, Optional<Path> tlsCaFile) {

    /** Without TLS. */
    public CacheSettings(String host, int port, Optional<String> password, int database, Duration timeout, int poolSize,
                         Duration retryInterval, String keyPrefix) {
        this(host, port, password, database, timeout, poolSize, retryInterval, keyPrefix, false, Optional.empty());
    }

    public static CacheSettings from(ConfigReader config) {
        return new CacheSettings(config.text("tokyoia.redis.host"),
                config.integer("tokyoia.redis.port", 1, 65535),
                config.optionalText("tokyoia.redis.password"),
                config.integer("tokyoia.redis.database", 0, 15),
                config.duration("tokyoia.redis.timeout-ms", ChronoUnit.MILLIS, 1, 60_000),
                config.integer("tokyoia.redis.pool-size", 1, 1024),
                config.duration("tokyoia.redis.retry-seconds", ChronoUnit.SECONDS, 1, 3600),
                config.text("tokyoia.redis.key-prefix"),
                config.flag("tokyoia.redis.tls"),
                config.optionalText("tokyoia.redis.tls-ca-file").map(Path::of));
    }

    public String endpoint() {
        return host + ":" + port;
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "CacheSettings[" + endpoint() + ", database " + database + ", password " + (password.isPresent() ? "set" : "none")
                + ", timeout " + timeout.toMillis() + " ms, pool " + poolSize + ", retry every " + retryInterval.toSeconds()
                + " s, prefix " + keyPrefix + (tls ? ", TLS" + tlsCaFile.map(f -> " (CA " + f + ")").orElse("") : "") + "]";
    }
}

package com.tokyoia.analytics.infrastructure.cache;

import com.tokyoia.analytics.application.port.ResultCache;
import com.tokyoia.platform.cache.RedisCache;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Answers cached in Redis through the platform's cache client (degrades to uncached on outage).
 * An answer longer than {@code maxEntryChars} is not cached: it would cost Redis memory and a hit
 * as much time to copy as the engines to compute (tokyoia.analytics.cache-max-entry-mb).
 */
public final class RedisResultCache implements ResultCache {
    private static final Logger LOG = Logger.getLogger(RedisResultCache.class.getName());
    private static final String CACHE = "analytics";
    /** For tools and tests: about 16 MB of JSON. */
    public static final int DEFAULT_MAX_ENTRY_CHARS = 16 << 20;

    private final RedisCache redis;
    private final int maxEntryChars;

    public RedisResultCache(RedisCache redis, int maxEntryChars) {
        this.redis = redis;
        this.maxEntryChars = maxEntryChars;
    }

    public RedisResultCache(RedisCache redis) {
        this(redis, DEFAULT_MAX_ENTRY_CHARS);
    }

    @Override
    public Optional<String> get(String key) {
        return redis.get(CACHE, key);
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        if (value.length() > maxEntryChars) {
            LOG.fine(() -> "Not caching " + key + ": " + value.length() + " characters, over the bound of " + maxEntryChars);
            return;
        }
        redis.put(CACHE, key, value, ttl);
    }
}

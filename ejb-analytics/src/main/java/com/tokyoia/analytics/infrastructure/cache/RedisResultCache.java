package com.tokyoia.analytics.infrastructure.cache;

import com.tokyoia.analytics.application.port.ResultCache;
import com.tokyoia.platform.cache.RedisCache;
import java.time.Duration;
import java.util.Optional;

/** Answers cached in Redis through the platform's cache client (degrades to uncached on outage). */
public final class RedisResultCache implements ResultCache {
    private static final String CACHE = "analytics";
    private final RedisCache redis;

    public RedisResultCache(RedisCache redis) {
        this.redis = redis;
    }

    @Override
    public Optional<String> get(String key) {
        return redis.get(CACHE, key);
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        redis.put(CACHE, key, value, ttl);
    }
}

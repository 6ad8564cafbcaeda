package com.tokyoia.web.application;

import com.tokyoia.platform.cache.RedisCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each user's calls of the expensive operations, counted per fixed window (tokyoia.api.rate-limit.*):
 * in Redis, so every node of a cluster counts the same calls, and on this node alone while Redis
 * is unreachable (each node then admits up to the limit, which is the price of staying up).
 */
@ApplicationScoped
public class RateLimits {
    private static final String CACHE = "rate-limit";

    @Inject
    RedisCache redis;
    @Inject
    ApiSettings settings;
    @Inject
    Clock clock;

    private final Map<String, Long> local = new ConcurrentHashMap<>();

    /** Counts the call; when it is over the user's limit, the seconds until the window ends (Retry-After). */
    public OptionalLong refuse(String user, String operation) {
        long window = settings.rateLimitWindow().toSeconds();
        long now = clock.instant().getEpochSecond();
        long windowStart = now - Math.floorMod(now, window);
        String key = operation + ":" + user + ":" + windowStart;
        long count = redis.increment(CACHE, key, Duration.ofSeconds(window)).orElseGet(() -> countLocally(key, windowStart));
        return count > settings.rateLimitOf(user) ? OptionalLong.of(windowStart + window - now) : OptionalLong.empty();
    }

    private long countLocally(String key, long windowStart) {
        local.keySet().removeIf(old -> Long.parseLong(old.substring(old.lastIndexOf(':') + 1)) < windowStart);
        return local.merge(key, 1L, Long::sum);
    }
}

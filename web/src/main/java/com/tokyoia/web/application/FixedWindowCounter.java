package com.tokyoia.web.application;

import com.tokyoia.platform.cache.RedisCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts events per key in fixed windows aligned to the epoch: in Redis, so every node of a cluster
 * counts the same events, and on this node alone while Redis is unreachable (each node then admits
 * up to its own limit, which is the price of staying up). Rate limits and failed logins share it.
 */
@ApplicationScoped
public class FixedWindowCounter {
    @Inject
    RedisCache redis;
    @Inject
    Clock clock;

    private final Map<String, Long> local = new ConcurrentHashMap<>();

    /** What one call of {@link #count} saw: the events in the window so far, this one included, and the seconds it has left. */
    public record Count(long events, long secondsLeft) {
    }

    /** Counts one event of the key in the current window of the given length. */
    public Count count(String cache, String key, Duration window) {
        long seconds = window.toSeconds();
        long now = clock.instant().getEpochSecond();
        long windowStart = now - Math.floorMod(now, seconds);
        String windowKey = key + ":" + windowStart;
        long windowEnd = windowStart + seconds;
        long events = redis.increment(cache, windowKey, window).orElseGet(() -> countLocally(cache + "/" + key, windowEnd, now));
        return new Count(events, windowEnd - now);
    }

    // Keyed by the window's end, not its start: windows of different lengths share the map, and an
    // entry is stale only once its own window is over.
    private long countLocally(String key, long windowEnd, long now) {
        local.keySet().removeIf(old -> Long.parseLong(old.substring(old.lastIndexOf(':') + 1)) <= now);
        return local.merge(key + ":" + windowEnd, 1L, Long::sum);
    }
}

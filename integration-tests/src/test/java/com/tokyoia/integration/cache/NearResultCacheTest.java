package com.tokyoia.integration.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.analytics.infrastructure.cache.NearResultCache;
import com.tokyoia.analytics.infrastructure.cache.RedisResultCache;
import com.tokyoia.platform.cache.CacheSettings;
import com.tokyoia.platform.cache.RedisCache;
import com.tokyoia.testing.MutableClock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server's near cache of answers in front of real Redis: what it keeps is served without Redis
 * (shown by evicting the entry from Redis behind its back), for at most its age and within its
 * bound in characters, least recently used first; what it does not keep comes from Redis.
 */
class NearResultCacheTest {
    private static final String CACHE = "analytics";
    private final MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
    private RedisCache redis;

    @BeforeEach
    void connect() {
        redis = RedisCache.connect(new CacheSettings("127.0.0.1", 6379, Optional.empty(), 0, Duration.ofMillis(500), 4,
                Duration.ofSeconds(5), "tokyoia-test-" + UUID.randomUUID() + ":"), clock);
    }

    @AfterEach
    void disconnect() {
        redis.disconnect();
    }

    @Test
    void aKeptAnswerIsServedWithoutRedisUntilItsAgeIsOver() {
        NearResultCache near = new NearResultCache(new RedisResultCache(redis), 1000, Duration.ofSeconds(60), clock);
        near.put("a", "answer a", Duration.ofHours(24));
        redis.evict(CACHE, "a");
        assertThat(near.get("a")).as("kept here").contains("answer a");
        clock.advance(Duration.ofSeconds(61));
        assertThat(near.get("a")).as("older than its age, and gone from Redis").isEmpty();

        near.put("b", "answer b", Duration.ofSeconds(10));
        redis.evict(CACHE, "b");
        clock.advance(Duration.ofSeconds(11));
        assertThat(near.get("b")).as("never kept longer than the shared cache keeps it").isEmpty();
    }

    @Test
    void anAnswerReadFromRedisIsKeptAndTheLeastRecentlyUsedGoFirst() {
        RedisResultCache shared = new RedisResultCache(redis);
        shared.put("x", "x".repeat(100), Duration.ofHours(1));
        NearResultCache near = new NearResultCache(shared, 400, Duration.ofSeconds(60), clock);
        assertThat(near.get("x")).contains("x".repeat(100));
        redis.evict(CACHE, "x");
        assertThat(near.get("x")).as("kept when first read from Redis").contains("x".repeat(100));

        near.put("y", "y".repeat(100), Duration.ofHours(1));
        near.put("z", "z".repeat(100), Duration.ofHours(1));
        near.get("x");
        near.put("w", "w".repeat(100), Duration.ofHours(1));
        near.put("v", "v".repeat(100), Duration.ofHours(1));
        assertThat(near.keptChars()).isLessThanOrEqualTo(400);
        for (String key : new String[] {"x", "y", "z", "w", "v"}) {
            redis.evict(CACHE, key);
        }
        assertThat(near.get("y")).as("the least recently used went first").isEmpty();
        assertThat(near.get("x")).as("used again, so kept").isPresent();
        assertThat(near.get("v")).isPresent();

        near.put("big", "b".repeat(101), Duration.ofHours(1));
        redis.evict(CACHE, "big");
        assertThat(near.get("big")).as("over a quarter of the bound: Redis only").isEmpty();
    }
}

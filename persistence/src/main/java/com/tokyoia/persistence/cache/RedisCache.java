package com.tokyoia.persistence.cache;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Cache-aside store on Redis (Jedis pool). Every operation degrades to "not cached" when Redis is
 * unreachable: callers then read the database, so answers stay correct, only slower. Hits, misses,
 * evictions and errors are counted per cache name (Micrometer, served on the /metrics endpoint).
 */
@ApplicationScoped
public class RedisCache {
    @Inject
    @ConfigProperty(name = "tokyoia.redis.host", defaultValue = "127.0.0.1")
    String host;
    @Inject
    @ConfigProperty(name = "tokyoia.redis.port", defaultValue = "6379")
    int port;
    @Inject
    @ConfigProperty(name = "tokyoia.redis.password")
    Optional<String> password;
    @Inject
    @ConfigProperty(name = "tokyoia.redis.database", defaultValue = "0")
    int database;
    @Inject
    @ConfigProperty(name = "tokyoia.redis.timeout-ms", defaultValue = "500")
    int timeoutMs;
    @Inject
    @ConfigProperty(name = "tokyoia.redis.pool-size", defaultValue = "16")
    int poolSize;
    @Inject
    @ConfigProperty(name = "tokyoia.redis.retry-seconds", defaultValue = "5")
    int retrySeconds;
    @Inject
    @ConfigProperty(name = "tokyoia.redis.key-prefix", defaultValue = "tokyoia:")
    String keyPrefix;
    @Inject
    Instance<MeterRegistry> meters;

    private JedisPool pool;
    private OutageTracker outage;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong evictions = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();

    /** A cache outside CDI (tools, tests): same behaviour, explicit settings. */
    public static RedisCache connect(String host, int port, int timeoutMs, int retrySeconds, String keyPrefix) {
        RedisCache cache = new RedisCache();
        cache.host = host;
        cache.port = port;
        cache.password = Optional.empty();
        cache.database = 0;
        cache.timeoutMs = timeoutMs;
        cache.poolSize = 4;
        cache.retrySeconds = retrySeconds;
        cache.keyPrefix = keyPrefix;
        cache.open();
        return cache;
    }

    /** Releases the pool of a cache made by {@link #connect}. */
    public void disconnect() {
        close();
    }

    @PostConstruct
    void open() {
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxTotal(poolSize);
        config.setMaxIdle(poolSize);
        config.setMaxWait(Duration.ofMillis(timeoutMs));
        config.setJmxEnabled(false);
        pool = new JedisPool(config, host, port, timeoutMs, password.filter(p -> !p.isBlank()).orElse(null), database);
        outage = new OutageTracker(Clock.systemUTC(), Duration.ofSeconds(retrySeconds), host + ":" + port);
    }

    @PreDestroy
    void close() {
        pool.close();
    }

    public Optional<String> get(String cache, String key) {
        Optional<String> value = call(cache, jedis -> Optional.ofNullable(jedis.get(keyPrefix + cache + ":" + key)))
                .flatMap(Function.identity());
        if (value.isPresent()) {
            count(cache, "hit", hits);
        } else {
            count(cache, "miss", misses);
        }
        return value;
    }

    public void put(String cache, String key, String value, Duration ttl) {
        call(cache, jedis -> jedis.setex(keyPrefix + cache + ":" + key, Math.max(1, ttl.toSeconds()), value));
    }

    public void evict(String cache, String key) {
        if (call(cache, jedis -> jedis.del(keyPrefix + cache + ":" + key)).isPresent()) {
            count(cache, "eviction", evictions);
        }
    }

    public CacheState state() {
        return new CacheState(!outage.isDown(), host + ":" + port, outage.since(), outage.lastError(),
                hits.get(), misses.get(), evictions.get(), errors.get());
    }

    /** Pings Redis even during an outage window, for the readiness check. */
    public boolean ping() {
        try (Jedis jedis = pool.getResource()) {
            jedis.ping();
            outage.succeeded();
            return true;
        } catch (JedisException e) {
            outage.failed(e);
            return false;
        }
    }

    private <T> Optional<T> call(String cache, Function<Jedis, T> operation) {
        if (!outage.shouldTry()) {
            return Optional.empty();
        }
        try (Jedis jedis = pool.getResource()) {
            T result = operation.apply(jedis);
            outage.succeeded();
            return Optional.of(result);
        } catch (JedisException e) {
            count(cache, "error", errors);
            outage.failed(e);
            return Optional.empty();
        }
    }

    private void count(String cache, String result, AtomicLong local) {
        local.incrementAndGet();
        if (meters != null && meters.isResolvable()) {
            meters.get().counter("tokyoia.cache.requests", "cache", cache, "result", result).increment();
        }
    }
}

package com.tokyoia.platform.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
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
    CacheSettings settings;
    @Inject
    Clock clock;
    @Inject
    Instance<MeterRegistry> meters;

    private JedisPool pool;
    private OutageTracker outage;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong evictions = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

    /** A cache outside CDI (tools, tests, benchmarks): same behaviour, explicit settings. */
    public static RedisCache connect(CacheSettings settings, Clock clock) {
        RedisCache cache = new RedisCache();
        cache.settings = settings;
        cache.clock = clock;
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
        config.setMaxTotal(settings.poolSize());
        config.setMaxIdle(settings.poolSize());
        config.setMaxWait(settings.timeout());
        config.setJmxEnabled(false);
        int timeoutMs = (int) settings.timeout().toMillis();
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder().connectionTimeoutMillis(timeoutMs)
                .socketTimeoutMillis(timeoutMs).password(settings.password().orElse(null)).database(settings.database());
        if (settings.tls()) {
            client.ssl(true).sslParameters(RedisTls.verifyingHostname());
            settings.tlsCaFile().ifPresent(ca -> client.sslSocketFactory(RedisTls.trusting(ca)));
        }
        pool = new JedisPool(config, new HostAndPort(settings.host(), settings.port()), client.build());
        outage = new OutageTracker(clock, settings.retryInterval(), settings.endpoint());
    }

    @PreDestroy
    void close() {
        pool.close();
    }

    public Optional<String> get(String cache, String key) {
        Optional<String> value = call(cache, jedis -> Optional.ofNullable(jedis.get(fullKey(cache, key))))
                .flatMap(Function.identity());
        if (value.isPresent()) {
            count(cache, "hit", hits);
        } else {
            count(cache, "miss", misses);
        }
        return value;
    }

    public void put(String cache, String key, String value, Duration ttl) {
        call(cache, jedis -> jedis.setex(fullKey(cache, key), Math.max(1, ttl.toSeconds()), value));
    }

    /**
     * Adds one to a counter that lives for {@code ttl} from its first count (shared by every node);
     * empty while Redis is unreachable, so the caller counts on its own.
     */
    public Optional<Long> increment(String cache, String key, Duration ttl) {
        return call(cache, jedis -> {
            String full = fullKey(cache, key);
            long count = jedis.incr(full);
            if (count == 1) {
                jedis.expire(full, Math.max(1, ttl.toSeconds()));
            }
            return count;
        });
    }

    public void evict(String cache, String key) {
        if (call(cache, jedis -> jedis.del(fullKey(cache, key))).isPresent()) {
            count(cache, "eviction", evictions);
        }
    }

    public CacheState state() {
        return new CacheState(!outage.isDown(), settings.endpoint(), outage.since(), outage.lastError(),
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

    private String fullKey(String cache, String key) {
        return settings.keyPrefix() + cache + ":" + key;
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
        // WildFly's registry finds an existing counter by scanning every meter it holds, and asking
        // CDI whether there is a registry resolves it again: together a tenth of a cached read's CPU.
        // So each (cache, result) is looked up once.
        List<String> key = List.of(cache, result);
        Counter counter = counters.get(key);
        if (counter == null) {
            if (meters == null || !meters.isResolvable()) {
                return;
            }
            counter = counters.computeIfAbsent(key, k -> meters.get().counter("tokyoia.cache.requests", "cache", cache, "result", result));
        }
        counter.increment();
    }
}

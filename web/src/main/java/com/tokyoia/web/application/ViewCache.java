package com.tokyoia.web.application;

import com.tokyoia.platform.cache.RedisCache;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Cache-aside for entity views: read the cache, else load from PostgreSQL and fill it. Writers
 * evict after their transaction commits, so no reader can re-cache the old row between the
 * eviction and the commit of the change.
 */
@ApplicationScoped
public class ViewCache {
    @Inject
    RedisCache cache;

    @Inject
    CurrentTransaction transaction;

    private final Jsonb jsonb = JsonbBuilder.create();

    @PreDestroy
    void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            // Nothing to release beyond what the JVM reclaims.
        }
    }

    /**
     * The view's JSON from the cache, else from {@code loader} (then cached for {@code ttl}). Hits and
     * misses answer the same bytes: the API's JSON-B differs from this default binding only in how it
     * reads. An entry keeps the shape of the view that wrote it until a write evicts it or its TTL
     * ends, so a deploy that changes a view's fields renames its cache (the services' CACHE) too.
     */
    public <T> Cached<T> get(String cacheName, String key, Duration ttl, Supplier<Optional<T>> loader, Supplier<RuntimeException> notFound) {
        Optional<String> cached = cache.get(cacheName, key);
        if (cached.isPresent()) {
            return new Cached<>(cached.get(), true);
        }
        String loaded = jsonb.toJson(loader.get().orElseThrow(notFound));
        cache.put(cacheName, key, loaded, ttl);
        return new Cached<>(loaded, false);
    }

    /** Evicts the entry once the current transaction commits (at once when there is none). */
    public void evictAfterCommit(String cacheName, String key) {
        transaction.afterCommit(() -> cache.evict(cacheName, key));
    }
}

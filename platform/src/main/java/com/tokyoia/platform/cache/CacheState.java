package com.tokyoia.platform.cache;

import java.time.Instant;

/** What the health check and operators see of the cache. */
public record CacheState(boolean available, String endpoint, Instant since, String lastError,
                         long hits, long misses, long evictions, long errors) {
}

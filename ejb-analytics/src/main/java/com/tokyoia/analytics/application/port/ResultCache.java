package com.tokyoia.analytics.application.port;

import java.time.Duration;
import java.util.Optional;

/** Where answers are cached (Redis in the server). Implementations degrade to "not cached", never fail. */
public interface ResultCache {
    Optional<String> get(String key);

    void put(String key, String value, Duration ttl);

    /** False for {@link #NONE}: callers then skip building keys and encoding answers altogether. */
    default boolean isActive() {
        return true;
    }

    ResultCache NONE = new ResultCache() {
        @Override
        public boolean isActive() {
            return false;
        }

        @Override
        public Optional<String> get(String key) {
            return Optional.empty();
        }

        @Override
        public void put(String key, String value, Duration ttl) {
        }
    };
}

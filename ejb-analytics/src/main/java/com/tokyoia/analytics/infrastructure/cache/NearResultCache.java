package com.tokyoia.analytics.infrastructure.cache;

import com.tokyoia.analytics.application.port.ResultCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The answers this server read or wrote most recently, kept in its heap in front of the shared
 * cache: a hit then costs no network transfer (fetching a 6,000-row answer from Redis was most of a
 * hit's time, and its p99). Safe because a key names exactly the data its answer came from (the
 * manifest versions and checksums of its cold days, the watermark of its hot ones): a key's answer
 * never changes, so a copy here is never stale, only kept at most {@code maxAge} (and never longer
 * than the shared cache keeps it) and within {@code maxChars} in all, the least recently used going
 * first. Answers longer than a quarter of the bound are left to the shared cache alone.
 */
public final class NearResultCache implements ResultCache {
    private final ResultCache shared;
    private final long maxChars;
    private final Duration maxAge;
    private final Clock clock;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long chars;

    private record Entry(String value, Instant expires) {
    }

    public NearResultCache(ResultCache shared, long maxChars, Duration maxAge, Clock clock) {
        this.shared = shared;
        this.maxChars = maxChars;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public Optional<String> get(String key) {
        Instant now = clock.instant();
        synchronized (entries) {
            Entry entry = entries.get(key);
            if (entry != null) {
                if (now.isBefore(entry.expires())) {
                    return Optional.of(entry.value());
                }
                remove(key);
            }
        }
        Optional<String> value = shared.get(key);
        value.ifPresent(v -> keep(key, v, maxAge, now));
        return value;
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        shared.put(key, value, ttl);
        keep(key, value, ttl.compareTo(maxAge) < 0 ? ttl : maxAge, clock.instant());
    }

    @Override
    public boolean isActive() {
        return shared.isActive();
    }

    /** How many characters the kept answers hold. */
    public long keptChars() {
        synchronized (entries) {
            return chars;
        }
    }

    private void keep(String key, String value, Duration age, Instant now) {
        if (value.length() > maxChars / 4) {
            return;
        }
        synchronized (entries) {
            remove(key);
            entries.put(key, new Entry(value, now.plus(age)));
            chars += value.length();
            Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
            while (chars > maxChars && eldest.hasNext()) {
                chars -= eldest.next().getValue().value().length();
                eldest.remove();
            }
        }
    }

    private void remove(String key) {
        Entry gone = entries.remove(key);
        if (gone != null) {
            chars -= gone.value().length();
        }
    }
}

package com.tokyoia.faults;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop send schedule: request i is due at {@code start + i * interval}, whatever happened
 * to the requests before it, so a slow answer delays no later request and its queueing shows in
 * the latencies measured from these due times. Shared by the fault suite's {@link OpenLoop} and
 * the benchmarks' load generator.
 */
public record Schedule(long startNanos, long intervalNanos, int count) {
    /** {@code rate} requests a second for {@code duration}, the first due at {@code startNanos} (System.nanoTime). */
    public static Schedule of(double rate, Duration duration, long startNanos) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("rate must be positive: " + rate);
        }
        long interval = Math.max(1, (long) (1_000_000_000L / rate));
        return new Schedule(startNanos, interval, (int) Math.min(Integer.MAX_VALUE, duration.toNanos() / interval));
    }

    /** The same requests, the first due at {@code startNanos}: a plan sized before its start is known. */
    public Schedule startingAt(long startNanos) {
        return new Schedule(startNanos, intervalNanos, count);
    }

    public long dueNanos(int index) {
        return startNanos + index * intervalNanos;
    }

    /** Parks the calling thread until request {@code index} is due (at once if it is late) and returns its due time. */
    public long awaitDue(int index) {
        long due = dueNanos(index);
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
        return due;
    }
}

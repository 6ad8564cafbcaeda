package com.tokyoia.faults;

import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * An open-loop load: request i is sent at start + i / rate whatever happened to the ones before it,
 * and its latency is measured from that intended time, not from when it actually went out. A
 * closed-loop client (wrk, hey, a thread per connection) waits for each answer before sending the
 * next, so it sends less exactly when the server slows down and hides the queueing its users would
 * see (coordinated omission).
 */
public final class OpenLoop {
    /**
     * One request: when it was meant to go (from the load's start), its status (-1: no answer), latency, and the answer's
     * headers and body (null without an answer). Not the response itself: it refers to its request, whose body a load of
     * large batches cannot keep for every request.
     */
    public record Sent(int index, long intendedNanos, int status, long latencyNanos, String error, HttpHeaders headers, String body) {
        public boolean answered() {
            return status > 0;
        }
    }

    private OpenLoop() {
    }

    /** Sends {@code rate} requests a second for {@code duration} and waits for every answer (or its timeout). */
    public static List<Sent> run(HttpClient client, double rate, Duration duration, IntFunction<HttpRequest> request) {
        return run(client, rate, duration, request, System.nanoTime());
    }

    /** As {@link #run(HttpClient, double, Duration, IntFunction)}, from a start (System.nanoTime) the caller also times other events from. */
    public static List<Sent> run(HttpClient client, double rate, Duration duration, IntFunction<HttpRequest> request, long start) {
        Schedule schedule = Schedule.of(rate, duration, start);
        List<CompletableFuture<Sent>> pending = new ArrayList<>(schedule.count());
        for (int i = 0; i < schedule.count(); i++) {
            long intended = schedule.awaitDue(i);
            int index = i;
            pending.add(client.sendAsync(request.apply(i), HttpResponse.BodyHandlers.ofString())
                    .handle((response, error) -> new Sent(index, intended - start, response == null ? -1 : response.statusCode(),
                            System.nanoTime() - intended, error == null ? null : String.valueOf(error),
                            response == null ? null : response.headers(), response == null ? null : response.body())));
        }
        return pending.stream().map(CompletableFuture::join).toList();
    }

    /** Latencies in microseconds, up to an hour. */
    public static Histogram latencies(List<Sent> sent) {
        Histogram histogram = new Histogram(3_600_000_000L, 3);
        sent.forEach(s -> histogram.recordValue(Math.max(1, s.latencyNanos() / 1000)));
        return histogram;
    }

    /** p50, p99, p99.9 and max in milliseconds. */
    public static String summary(Histogram h) {
        return "p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms".formatted(h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0);
    }
}

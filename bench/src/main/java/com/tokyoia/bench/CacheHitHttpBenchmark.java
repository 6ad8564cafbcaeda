package com.tokyoia.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

/**
 * Analytics cache hits through HTTP against a running server (./tokyo-ia up): one question asked
 * once (the miss, which fills the cache) and then REQUESTS times in a row on one keep-alive
 * connection, each a hit; the latency of every request from send to the last body byte, p50, p99,
 * p99.9 and max, for the whole answer in one page and for the default first page. Closed loop and
 * one request at a time: this is the latency of a hit, not the server's capacity (issue 16).
 *
 * Usage: CacheHitHttpBenchmark BASE_URL QUERY FROM TO REQUESTS (the password of "admin" on stdin)
 */
public final class CacheHitHttpBenchmark {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        String query = args[1];
        String range = "from=" + args[2] + "&to=" + args[3];
        int requests = Integer.parseInt(args[4]);
        String password = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).trim();
        String authorization = "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

        // The floor: the static catalog through the same authentication, filters and JSON, so what a
        // hit adds to any request of this API shows beside it.
        HttpRequest catalog = HttpRequest.newBuilder(URI.create(base + "/api/analytics")).header("Authorization", authorization)
                .header("Accept", "application/json").timeout(Duration.ofMinutes(1)).GET().build();
        long[] floor = timed(client, catalog, requests);
        System.out.printf("floor, GET /api/analytics (the static catalog, %d requests): p50 %.2f ms   p99 %.2f ms   p99.9 %.2f ms%n",
                requests, ms(floor, 0.50), ms(floor, 0.99), ms(floor, 0.999));
        for (String paging : new String[] {"limit=10000", ""}) {
            URI uri = URI.create(base + "/api/analytics/" + query + "?" + range + (paging.isEmpty() ? "" : "&" + paging));
            HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", authorization).header("Accept", "application/json")
                    .timeout(Duration.ofMinutes(5)).GET().build();
            long started = System.nanoTime();
            JsonObject first = body(client.send(request, HttpResponse.BodyHandlers.ofString()));
            long firstNanos = System.nanoTime() - started;
            long[] nanos = timed(client, request, requests);
            HttpResponse<String> lastResponse = client.send(request, HttpResponse.BodyHandlers.ofString());
            long bytes = lastResponse.body().getBytes(StandardCharsets.UTF_8).length;
            JsonObject last = body(lastResponse);
            if (!last.getBoolean("cacheHit")) {
                throw new IllegalStateException("expected cache hits; the answer says cacheHit false");
            }
            System.out.printf("%s %s (%s): %d rows of %d, %,d bytes; first call %.1f ms (cacheHit %s)%n", query, range,
                    paging.isEmpty() ? "default page" : paging, last.getJsonArray("rows").size(), last.getInt("totalRows"), bytes,
                    firstNanos / 1e6, first.getBoolean("cacheHit"));
            System.out.printf("  %d hits: p50 %.2f ms   p99 %.2f ms   p99.9 %.2f ms   max %.2f ms%n", requests, ms(nanos, 0.50),
                    ms(nanos, 0.99), ms(nanos, 0.999), nanos[nanos.length - 1] / 1e6);
        }
    }

    /** Each request's time from send to its last byte, sorted, after a warm-up. */
    private static long[] timed(HttpClient client, HttpRequest request, int requests) throws Exception {
        for (int i = 0; i < Math.max(200, requests / 10); i++) {
            client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        long[] nanos = new long[requests];
        for (int i = 0; i < requests; i++) {
            long sent = System.nanoTime();
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            nanos[i] = System.nanoTime() - sent;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
            }
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static JsonObject body(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}

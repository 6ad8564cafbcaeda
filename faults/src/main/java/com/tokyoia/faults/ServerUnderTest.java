package com.tokyoia.faults;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/** The running server (./tokyo-ia up) as its clients reach it: base URL and the admin's Basic credentials. */
public record ServerUnderTest(String base, String authorization, HttpClient client) {

    public static ServerUnderTest of(String base, String password) {
        String authorization = "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        return new ServerUnderTest(base, authorization, client);
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization).timeout(Duration.ofSeconds(30));
    }

    public HttpRequest post(String path, String json, String idempotencyKey) {
        HttpRequest.Builder post = request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        return (idempotencyKey == null ? post : post.header("Idempotency-Key", idempotencyKey)).build();
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A new agent of the fault run's own, so its rows are told apart from anything else in the database. */
    public String newAgent(String prefix) throws IOException, InterruptedException {
        HttpResponse<String> created = send(post("/api/agents", """
                {"name":"%s-%s","role":"fault","model":"none"}""".formatted(prefix, UUID.randomUUID()), null));
        if (created.statusCode() != 201) {
            throw new IllegalStateException("could not create an agent: " + created.statusCode() + " " + created.body());
        }
        return json(created.body()).getString("id");
    }

    /** Waits until the server answers an authenticated API request: the seconds it took. */
    public long awaitReady(Duration limit) throws InterruptedException {
        long began = System.nanoTime();
        long deadline = began + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (send(request("/api/etl/runs?limit=1").GET().build()).statusCode() == 200) {
                    return (System.nanoTime() - began) / 1_000_000_000L;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException(base + " did not answer within " + limit.toSeconds() + " s");
    }

    public static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}

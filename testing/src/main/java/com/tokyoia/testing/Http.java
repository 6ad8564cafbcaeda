package com.tokyoia.testing;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for the tests: real requests to the deployed application. */
public final class Http {
    public static final int OFFSET = Integer.getInteger("tokyoia.test.port-offset", 100);
    public static final String APP = "http://127.0.0.1:" + (8080 + OFFSET);
    public static final String MANAGEMENT = "http://127.0.0.1:" + (9990 + OFFSET);
    // HTTP/1.1 like curl: the JDK client's h2c upgrade of a POST can stall against Undertow.
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public record Reply(int status, String contentType, String body, HttpHeaders headers) {
        public JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        public JsonArray items() {
            return json().getJsonArray("items");
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private Http() {
    }

    public static Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET());
    }

    public static Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    public static Reply put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String url(String path) {
        return path.startsWith("http") ? path : APP + path;
    }
}

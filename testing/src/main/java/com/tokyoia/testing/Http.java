package com.tokyoia.testing;

import com.tokyoia.testing.contract.ApiContract;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * A small HTTP client for the tests: real requests to the deployed application. With
 * -Dtokyoia.test.openapi=PATH (the build-written OpenAPI document; the EAR's Arquillian tests set
 * it) every answer is checked against that document, and one that breaks it fails the test that
 * received it (and is listed in target/contract-violations.txt).
 */
public final class Http {
    public static final int OFFSET = Integer.getInteger("tokyoia.test.port-offset", 100);
    public static final String APP = "http://127.0.0.1:" + (8080 + OFFSET);
    public static final String MANAGEMENT = "http://127.0.0.1:" + (9990 + OFFSET);
    // HTTP/1.1 like curl: the JDK client's h2c upgrade of a POST can stall against Undertow.
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final ApiContract CONTRACT = System.getProperty("tokyoia.test.openapi") == null ? null
            : ApiContract.of(Path.of(System.getProperty("tokyoia.test.openapi")));
    private static final Path VIOLATIONS = Path.of("target/contract-violations.txt");

    /** A user of the test server's realm (ear/src/test/wildfly/test-users.cli), or nobody. */
    public record User(String name, String password) {
        public static final User ANONYMOUS = new User(null, null);
        public static final User ADMIN = new User("it-admin", "it-admin-password");
        public static final User ANALYST = new User("it-analyst", "it-analyst-password");
        public static final User VIEWER = new User("it-viewer", "it-viewer-password");
        public static final User INGEST = new User("it-ingest", "it-ingest-password");

        /** The HTTP Basic Authorization header's value. */
        public String authorization() {
            return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
    }

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

    /**
     * GET until the answer is no longer a 200, for at most five seconds: a test that changes the
     * manifest behind the server's back waits so for the server's in-memory manifest view to hear
     * of it (by NOTIFY, milliseconds after the commit); until then a cache hit planned from what
     * the view knew may still be served (README.md, "A cache hit is made cheap on purpose").
     */
    public static Reply getOnceTheManifestViewKnows(String path) throws InterruptedException {
        Reply reply = get(path);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (reply.status() == 200 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            reply = get(path);
        }
        return reply;
    }

    public static Reply get(User user, String path) {
        return send(user, HttpRequest.newBuilder(URI.create(url(path))).GET());
    }

    public static Reply post(User user, String path, String json) {
        return send(user, HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
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

    /** As the tests' admin (every test that is not about who may do what acts as one). */
    public static Reply send(HttpRequest.Builder request) {
        return send(User.ADMIN, request);
    }

    public static Reply send(User user, HttpRequest.Builder request) {
        try {
            if (user.name() != null) {
                request.setHeader("Authorization", user.authorization());
            }
            HttpRequest sent = request.timeout(Duration.ofSeconds(60)).build();
            HttpResponse<String> response = CLIENT.send(sent, HttpResponse.BodyHandlers.ofString());
            Reply reply = new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers());
            checkContract(sent, reply);
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void checkContract(HttpRequest sent, Reply reply) throws IOException {
        if (CONTRACT == null) {
            return;
        }
        Optional<String> violation = CONTRACT.violation(sent.method(), sent.uri(), reply.status(), reply.contentType(), reply.body());
        if (violation.isPresent()) {
            Files.writeString(VIOLATIONS, violation.get() + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (!Boolean.getBoolean("tokyoia.test.openapi.report-only")) {
                throw new AssertionError("The answer breaks the API's OpenAPI document: " + violation.get());
            }
        }
    }

    private static String url(String path) {
        return path.startsWith("http") ? path : APP + path;
    }
}

package com.tokyoia.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WildFly's management HTTP API (http://host:9990/management) as the admin console uses it: JSON
 * operations, HTTP Digest authentication (RFC 7616, MD5, qop=auth) as a management user.
 */
public final class ManagementClient {
    private static final Pattern PARAMETER = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI endpoint;
    private final String user;
    private final String password;
    private final AtomicInteger count = new AtomicInteger();

    public ManagementClient(String baseUrl, String user, String password) {
        this.endpoint = URI.create(baseUrl + "/management");
        this.user = user;
        this.password = password;
    }

    /** The HTTP status of an operation sent without credentials (401 when the API is protected). */
    public int anonymousStatus(JsonObject operation) {
        return send(operation, null).statusCode();
    }

    /** Runs the operation; returns WildFly's answer ({"outcome": "success", "result": ...} or a failure description). */
    public JsonObject execute(JsonObject operation) {
        HttpResponse<String> challenge = send(operation, null);
        if (challenge.statusCode() != 401) {
            return parse(challenge);
        }
        String header = challenge.headers().allValues("WWW-Authenticate").stream()
                .filter(h -> h.startsWith("Digest") && !h.contains("SHA-256")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no MD5 Digest challenge in " + challenge.headers().map()));
        return parse(send(operation, authorization(header)));
    }

    private String authorization(String challenge) {
        Map<String, String> p = new HashMap<>();
        Matcher m = PARAMETER.matcher(challenge.substring("Digest".length()));
        while (m.find()) {
            p.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
        }
        String nc = String.format("%08x", count.incrementAndGet());
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        String cnonce = HexFormat.of().formatHex(random);
        String ha1 = md5(user + ":" + p.get("realm") + ":" + password);
        String ha2 = md5("POST:" + endpoint.getPath());
        String response = md5(ha1 + ":" + p.get("nonce") + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"" + p.get("realm") + "\", nonce=\"" + p.get("nonce") + "\", uri=\""
                + endpoint.getPath() + "\", qop=auth, nc=" + nc + ", cnonce=\"" + cnonce + "\", response=\"" + response + "\""
                + (p.containsKey("opaque") ? ", opaque=\"" + p.get("opaque") + "\"" : "") + ", algorithm=MD5";
    }

    private HttpResponse<String> send(JsonObject operation, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(operation.toString()));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject parse(HttpResponse<String> response) {
        String body = response.body();
        if (body.isBlank() || !body.stripLeading().startsWith("{")) {
            // An error page (401 when the user is unknown to the realm): say so instead of failing to parse it.
            return Json.createObjectBuilder().add("outcome", "failed").add("http-status", response.statusCode())
                    .add("body", body.substring(0, Math.min(body.length(), 300))).build();
        }
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

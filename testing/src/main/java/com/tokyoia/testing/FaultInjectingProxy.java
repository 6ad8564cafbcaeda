package com.tokyoia.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy in front of the real S3 server that answers the first N object writes (PUT) with
 * 503 SlowDown, as S3 does under load, forwards everything else unchanged, and records requests.
 */
public final class FaultInjectingProxy implements AutoCloseable {
    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "host", "transfer-encoding",
            "expect", "upgrade", "keep-alive");
    private final HttpServer server;
    private final AtomicInteger failuresLeft;
    private final AtomicInteger failed = new AtomicInteger();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    public FaultInjectingProxy(String target, int failPuts) throws IOException {
        this.failuresLeft = new AtomicInteger(failPuts);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                if (exchange.getRequestMethod().equals("PUT") && failuresLeft.getAndDecrement() > 0) {
                    failed.incrementAndGet();
                    byte[] error = "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>".getBytes();
                    exchange.getResponseHeaders().add("Content-Type", "application/xml");
                    exchange.sendResponseHeaders(503, error.length);
                    exchange.getResponseBody().write(error);
                    return;
                }
                HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                        .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
                exchange.getRequestHeaders().forEach((name, values) -> {
                    if (!HOP_HEADERS.contains(name.toLowerCase())) {
                        values.forEach(v -> forward.header(name, v));
                    }
                });
                HttpResponse<InputStream> response = client.send(forward.build(), HttpResponse.BodyHandlers.ofInputStream());
                response.headers().map().forEach((name, values) -> {
                    if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
                        exchange.getResponseHeaders().put(name, List.copyOf(values));
                    }
                });
                byte[] answer = response.body().readAllBytes();
                boolean noBody = exchange.getRequestMethod().equals("HEAD") || response.statusCode() == 204;
                long length = response.headers().firstValueAsLong("Content-Length").orElse(answer.length);
                if (noBody && length > 0) {
                    exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
                }
                exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : (answer.length == 0 ? -1 : answer.length));
                if (!noBody && answer.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(answer);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many writes were answered 503. */
    public int failed() {
        return failed.get();
    }

    /** "METHOD /path?query" of every request received. */
    public List<String> requests() {
        return requests;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

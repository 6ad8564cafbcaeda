package com.tokyoia.testing;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A versioned S3-compatible server for the tests: Adobe S3Mock (its exec jar from Maven Central,
 * fetched by the build) as a separate process, with one bucket whose versioning is enabled, for
 * what S3Proxy does not do (object versions).
 */
public final class S3MockServer implements AutoCloseable {
    public static final String BUCKET = "tokyo-ia-versioned";
    private final Process process;
    private final Path baseDir;
    private final int port;

    private S3MockServer(Process process, Path baseDir, int port) {
        this.process = process;
        this.baseDir = baseDir;
        this.port = port;
    }

    public static S3MockServer start() throws IOException, InterruptedException {
        String jar = System.getProperty("s3mock.jar", "target/s3mock/s3mock.jar");
        Path base = Files.createTempDirectory("s3mock-");
        int port = S3ProxyServer.freePort();
        int httpsPort = S3ProxyServer.freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar, "--server.port=" + httpsPort, "--http.port=" + port,
                "--com.adobe.testing.s3mock.store.root=" + base.resolve("data"),
                "--com.adobe.testing.s3mock.store.retain-files-on-exit=false")
                .redirectErrorStream(true).redirectOutput(base.resolve("s3mock.log").toFile());
        // A stand-in server, not code under test: it keeps the real clock when the tests run on libfaketime.
        builder.environment().remove("LD_PRELOAD");
        Process process = builder.start();
        S3MockServer server = new S3MockServer(process, base, port);
        try {
            server.awaitReady();
            server.createVersionedBucket();
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.destroyForcibly(); // never leave a half-started server behind
            throw e;
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited: " + Files.readString(baseDir.resolve("s3mock.log")));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                if (Files.readString(baseDir.resolve("s3mock.log")).contains("Started S3MockApplication")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("S3Mock did not start on port " + port + ": " + Files.readString(baseDir.resolve("s3mock.log")));
    }

    private void createVersionedBucket() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(endpoint() + "/" + BUCKET))
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 200) {
            throw new IllegalStateException("bucket creation answered " + created.statusCode() + ": " + created.body());
        }
        HttpResponse<String> versioned = http.send(HttpRequest.newBuilder(URI.create(endpoint() + "/" + BUCKET + "?versioning"))
                .PUT(HttpRequest.BodyPublishers.ofString("<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                        + "<Status>Enabled</Status></VersioningConfiguration>")).build(), HttpResponse.BodyHandlers.ofString());
        if (versioned.statusCode() != 200) {
            throw new IllegalStateException("enabling versioning answered " + versioned.statusCode() + ": " + versioned.body());
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}

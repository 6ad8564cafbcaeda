package com.tokyoia.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real S3-compatible server for the tests: S3Proxy (from Maven Central, fetched by the build) as
 * a separate process, filesystem backend in a temporary directory, so the objects it stores can be
 * read back from disk by an independent reader.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String BUCKET = "tokyo-ia-lake";
    private final Process process;
    private final Path baseDir;
    private final int port;

    private S3ProxyServer(Process process, Path baseDir, int port) {
        this.process = process;
        this.baseDir = baseDir;
        this.port = port;
    }

    public static S3ProxyServer start() throws IOException, InterruptedException {
        return launch(Files.createTempDirectory("s3proxy-"), freePort(), true);
    }

    /**
     * The server killed (SIGKILL), as in an outage: its port refuses connections until {@link #restart()}.
     */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** A new process on the same port and the same data: the bucket and its objects as they were. */
    public S3ProxyServer restart() throws IOException, InterruptedException {
        return launch(baseDir, port, false);
    }

    private static S3ProxyServer launch(Path base, int port, boolean newBucket) throws IOException, InterruptedException {
        String jar = System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar");
        Path conf = base.resolve("s3proxy.conf");
        Files.createDirectories(base.resolve("data"));
        Files.writeString(conf, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=none",
                "s3proxy.ignore-unknown-headers=true",
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + base.resolve("data")));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar, "--properties", conf.toString())
                .redirectErrorStream(true).redirectOutput(base.resolve("s3proxy.log").toFile());
        // A stand-in server, not code under test: it keeps the real clock when the tests run on libfaketime.
        builder.environment().remove("LD_PRELOAD");
        Process process = builder.start();
        S3ProxyServer server = new S3ProxyServer(process, base, port);
        try {
            server.awaitReady();
            if (newBucket) {
                server.createBucket();
            }
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.destroyForcibly(); // never leave a half-started server behind
            throw e;
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited: " + Files.readString(baseDir.resolve("s3proxy.log")));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("S3Proxy did not start on port " + port);
    }

    private void createBucket() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint() + "/" + BUCKET))
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("bucket creation answered " + response.statusCode() + ": " + response.body());
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Where the filesystem backend keeps the bucket's objects, one file per key. */
    public Path bucketDirectory() {
        return baseDir.resolve("data").resolve(BUCKET);
    }


    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}

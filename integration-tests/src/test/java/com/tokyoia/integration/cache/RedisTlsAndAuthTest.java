package com.tokyoia.integration.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.platform.cache.CacheSettings;
import com.tokyoia.platform.cache.RedisCache;
import com.tokyoia.platform.time.SystemTime;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache over TLS with AUTH, against a real redis-server (Debian's is built with TLS) started by
 * the test on its own port with a certificate made by openssl for 127.0.0.1: the right CA and
 * password work; a wrong password, a CA that did not sign the certificate, a host name the
 * certificate does not name, and plain text to the TLS port all leave the cache unavailable (the
 * application then answers without it) instead of talking to an unverified or unauthenticated server.
 */
class RedisTlsAndAuthTest {
    @TempDir
    static Path dir;
    private static final String PASSWORD = "it-" + UUID.randomUUID();
    private static Process redis;
    private static int port;

    @BeforeAll
    static void startRedisWithTls() throws Exception {
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "cert.pem", "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1");
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other-key.pem", "-out", "other.pem", "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1");
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        // The password goes in through redis-server's stdin (its configuration), not its arguments.
        ProcessBuilder server = new ProcessBuilder("redis-server", "-").directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile());
        // Under the CI's faketime run this JVM's environment preloads libfaketime, with which
        // redis-server never starts listening; the server needs no fake clock (the certificate's
        // dates come from openssl, which keeps it, as this JVM does).
        server.environment().keySet().removeIf(name -> name.equals("LD_PRELOAD") || name.startsWith("FAKETIME"));
        redis = server.start();
        redis.getOutputStream().write(String.join("\n", "port 0", "bind 127.0.0.1", "tls-port " + port, "tls-cert-file cert.pem",
                "tls-key-file key.pem", "tls-ca-cert-file cert.pem", "tls-auth-clients no", "requirepass " + PASSWORD, "save \"\"",
                "appendonly no", "dir " + dir, "").getBytes());
        redis.getOutputStream().close();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!accepts(port)) {
            assertThat(redis.isAlive()).as("redis-server runs; see " + dir.resolve("redis.log")).isTrue();
            assertThat(System.nanoTime()).as("redis-server listens on " + port).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (redis != null) {
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theRightCaAndPasswordCarryTheCache() {
        RedisCache cache = RedisCache.connect(settings("127.0.0.1", true, Optional.of(PASSWORD), dir.resolve("cert.pem")), SystemTime.clock());
        try {
            cache.put("tls-test", "k", "v", Duration.ofMinutes(1));
            assertThat(cache.get("tls-test", "k")).contains("v");
            assertThat(cache.state().available()).isTrue();
        } finally {
            cache.disconnect();
        }
    }

    @Test
    void aWrongPasswordAStrangeCaAnotherNameOrPlainTextAreRefused() {
        // Each refused for its own reason (the plain-text one by whatever the TLS port makes of it).
        Map<CacheSettings, String> refused = new LinkedHashMap<>();
        refused.put(settings("127.0.0.1", true, Optional.of("not-the-password"), dir.resolve("cert.pem")), "WRONGPASS");
        refused.put(settings("127.0.0.1", true, Optional.empty(), dir.resolve("cert.pem")), "NOAUTH");
        refused.put(settings("127.0.0.1", true, Optional.of(PASSWORD), dir.resolve("other.pem")), "PKIX path validation failed");
        refused.put(settings("localhost", true, Optional.of(PASSWORD), dir.resolve("cert.pem")), "No name matching localhost");
        refused.put(settings("127.0.0.1", false, Optional.of(PASSWORD), dir.resolve("cert.pem")), "JedisConnectionException");
        refused.forEach((settings, reason) -> {
            RedisCache cache = RedisCache.connect(settings, SystemTime.clock());
            try {
                cache.put("tls-test", "k2", "v", Duration.ofMinutes(1));
                assertThat(cache.get("tls-test", "k2")).as(settings.toString()).isEmpty();
                assertThat(cache.state().available()).as(settings.toString()).isFalse();
                assertThat(cache.state().lastError()).as(settings.toString()).contains(reason).doesNotContain(PASSWORD);
            } finally {
                cache.disconnect();
            }
        });
    }

    private static CacheSettings settings(String host, boolean tls, Optional<String> password, Path ca) {
        return new CacheSettings(host, port, password, 0, Duration.ofSeconds(2), 2, Duration.ofSeconds(60),
                "tokyoia-tls-test-" + UUID.randomUUID() + ":", tls, Optional.of(ca));
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void openssl(Path dir, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("openssl " + String.join(" ", arguments) + ": " + output).isZero();
        assertThat(Files.exists(dir.resolve(arguments[Math.max(0, List.of(arguments).indexOf("-out") + 1)]))).isTrue();
    }
}

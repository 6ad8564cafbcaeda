package com.tokyoia.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.testing.Http;
import com.tokyoia.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What plain HTTP does, as configured (configure-server.cli: TOKYOIA_PLAIN_HTTP or the system
 * property tokyoia.plain-http): open serves it, redirect sends every request to the HTTPS URL with
 * its path and query, closed refuses it; HTTPS serves throughout. A second server of the build's
 * installation on its own database and ports, switched between the modes by the management CLI and
 * a reload, as an operator would.
 */
@Tag(ClockIndependent.TAG)
class PlainHttpIT {
    private static final String DATABASE = "tokyoia_plain_http_it";
    private static final int OFFSET = 600;
    private static final String HTTPS = "https://127.0.0.1:" + (8443 + OFFSET);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Path BASE = Path.of("target/plain-http-server").toAbsolutePath();
    private static StandaloneServer server;

    @BeforeAll
    static void start() throws Exception {
        String url = TestDatabase.recreateForServer(DATABASE);
        server = StandaloneServer.prepare(BASE, OFFSET,
                Map.of("TOKYOIA_DB_URL", url, "TOKYOIA_HTTPS_URL", HTTPS));
        server.start(Duration.ofMinutes(4));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        TestDatabase.dropForServer(DATABASE);
    }

    @Test
    void openThenRedirectedThenClosedWhileHttpsServesThroughout() throws Exception {
        assertThat(plain("/api/agents?limit=1").statusCode()).as("open by default").isEqualTo(200);
        assertThat(SelfSignedHttps.get(8443 + OFFSET, "/api/agents?limit=1")).startsWith("HTTP/1.1 200");

        switchTo("redirect", 302);
        HttpResponse<String> redirected = plain("/api/agents?limit=1&cursor=x");
        assertThat(redirected.headers().firstValue("Location")).contains(HTTPS + "/api/agents?limit=1&cursor=x");
        assertThat(SelfSignedHttps.get(8443 + OFFSET, "/api/agents?limit=1")).startsWith("HTTP/1.1 200");

        switchTo("closed", 403);
        HttpResponse<String> closed = plain("/api/agents?limit=1");
        assertThat(closed.headers().firstValue("Location")).isEmpty();
        assertThat(closed.body()).doesNotContain("\"items\"");
        assertThat(plain("/").statusCode()).as("the dashboard too").isEqualTo(403);
        assertThat(SelfSignedHttps.get(8443 + OFFSET, "/api/agents?limit=1")).startsWith("HTTP/1.1 200");
    }

    private static void switchTo(String mode, int expected) throws Exception {
        Path script = Files.writeString(BASE.resolve("plain-http-" + mode + ".cli"), String.join("\n",
                "if (outcome == success) of /system-property=tokyoia.plain-http:read-resource",
                "    /system-property=tokyoia.plain-http:remove",
                "end-if",
                "/system-property=tokyoia.plain-http:add(value=" + mode + ")", ""));
        server.cli(script.toString());
        // The CLI's reload command reconnects and waits for the server; the bare :reload operation may lose its
        // connection as the server goes down and exit non-zero after a successful reload.
        server.cli("--command=reload");
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (status("/api/agents?limit=1") != expected) {
            assertThat(System.nanoTime()).as("plain HTTP answers " + expected + " once " + mode).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private static int status(String path) throws InterruptedException {
        try {
            return plain(path).statusCode();
        } catch (IOException e) {
            return -1; // reloading
        }
    }

    private static HttpResponse<String> plain(String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(server.appUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", Http.User.ADMIN.authorization()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}

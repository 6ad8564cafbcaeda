package com.tokyoia.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.platform.time.SystemTime;
import com.tokyoia.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Production authentication: a server configured by oidc.cli accepts the bearer tokens of an
 * OpenID Connect provider (here {@link TestIssuer}, inside this JVM: no internet) and takes the
 * user's roles from them. Valid tokens are admitted by role; an expired token, one for another
 * audience, one signed with a key the issuer never published, and no token at all get 401; a token
 * without roles gets 403. A second server of the build's installation on its own database and ports,
 * started outside Arquillian.
 */
class OidcIT {
    private static final String DATABASE = "tokyoia_oidc_it";
    private static final String CLIENT_ID = "tokyo-ia-api";
    private static final String GROUP_CLAIM = "team";
    private static final String CLIENT_SECRET = "it-client-secret-" + UUID.randomUUID();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static TestIssuer issuer;
    private static StandaloneServer server;

    @BeforeAll
    static void startIssuerAndServer() throws Exception {
        issuer = TestIssuer.start();
        String url = TestDatabase.recreateForServer(DATABASE);
        server = StandaloneServer.prepare(Path.of("target/oidc-server").toAbsolutePath(), 500, Map.of("TOKYOIA_DB_URL", url,
                "TOKYOIA_OIDC_PROVIDER_URL", issuer.url(), "TOKYOIA_OIDC_CLIENT_ID", CLIENT_ID, "TOKYOIA_OIDC_CLIENT_SECRET", CLIENT_SECRET));
        issuer.acceptClientSecret(CLIENT_SECRET);
        // The budget group's claim named through the MicroProfile Config secrets directory
        // (configure-server.cli), as an operator would put a secret there: a file named after the key.
        Path secrets = Files.createDirectories(Path.of("target/oidc-server/configuration/tokyo-ia-secrets").toAbsolutePath());
        Files.writeString(secrets.resolve("tokyoia.api.group-attribute"), GROUP_CLAIM);
        server.start(Duration.ofMinutes(4));
        // Configured the way an operator does it (README, Security): the committed script, then a reload.
        server.cli(System.getProperty("tokyoia.test.oidc-cli"));
        server.cli(System.getProperty("tokyoia.test.oidc-dashboard-cli"));
        // Why a token was refused, in the server's log (target/oidc-server/log); at TRACE the client
        // also quotes the tokens themselves, which the log filter must redact.
        server.cli("--command=/subsystem=logging/logger=org.wildfly.security.http.oidc:add(level=TRACE)");
        // The CLI's reload command reconnects and waits; the bare :reload operation may exit non-zero after a successful reload.
        server.cli("--command=reload");
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!asksForBearerTokens()) {
            assertThat(System.nanoTime()).as("the server asks for bearer tokens after the reload").isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        TestDatabase.dropForServer(DATABASE);
        if (issuer != null) {
            issuer.close();
        }
    }

    @Test
    void aValidTokenIsAdmittedByTheRolesItCarries() throws Exception {
        Instant later = Instant.now(SystemTime.clock()).plusSeconds(600);
        HttpResponse<String> read = call(issuer.token("oidc-viewer", List.of("viewer"), CLIENT_ID, later));
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);

        HttpResponse<String> write = CLIENT.send(HttpRequest.newBuilder(URI.create(server.appUrl() + "/api/agents"))
                .header("Authorization", "Bearer " + issuer.token("oidc-viewer", List.of("viewer"), CLIENT_ID, later))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"oidc-it\",\"role\":\"r\",\"model\":\"m\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(write.statusCode()).as("a viewer may not write: " + write.body()).isEqualTo(403);

        HttpResponse<String> ingest = CLIENT.send(HttpRequest.newBuilder(URI.create(server.appUrl() + "/api/agents"))
                .header("Authorization", "Bearer " + issuer.token("oidc-ingest", List.of("ingest"), CLIENT_ID, later))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"oidc-it\",\"role\":\"r\",\"model\":\"m\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ingest.statusCode()).as(ingest.body()).isEqualTo(201);
        // The audit log names the token's user.
        String agent;
        try (JsonReader reader = Json.createReader(new StringReader(ingest.body()))) {
            agent = reader.readObject().getString("id");
        }
        assertThat(awaitActor(agent)).isEqualTo("oidc-ingest");
    }

    @Test
    void expiredForeignAndForgedTokensAreRefused() throws Exception {
        Instant now = Instant.now(SystemTime.clock());
        assertThat(call(issuer.token("oidc-viewer", List.of("viewer"), CLIENT_ID, now.minusSeconds(120))).statusCode())
                .as("expired").isEqualTo(401);
        assertThat(call(issuer.token("oidc-viewer", List.of("viewer"), "another-api", now.plusSeconds(600))).statusCode())
                .as("for another audience").isEqualTo(401);
        assertThat(call(issuer.tokenSignedElsewhere("oidc-viewer", List.of("viewer"), CLIENT_ID, now.plusSeconds(600))).statusCode())
                .as("signed with a key the issuer never published").isEqualTo(401);
        assertThat(call("not-a-token").statusCode()).as("not a JWT").isEqualTo(401);
        HttpResponse<String> none = call(null);
        assertThat(none.statusCode()).as("no token").isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void aTokenWithoutARoleIsAuthenticatedButAdmitsNothing() throws Exception {
        HttpResponse<String> reply = call(issuer.token("oidc-nobody", null, CLIENT_ID, Instant.now(SystemTime.clock()).plusSeconds(600)));
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(403);
    }

    @Test
    void theClaimTheSecretsDirectoryNamesIsTheBudgetGroupItsQuestionsAreChargedTo() throws Exception {
        Instant now = Instant.now(SystemTime.clock());
        Instant later = now.plusSeconds(600);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        // Counted over three days around today, so that a run across midnight counts the same question.
        String range = "from=" + today.minusDays(1) + "&to=" + today.plusDays(2);
        String analyst = issuer.token("oidc-analyst", List.of("analyst"), GROUP_CLAIM, List.of("oidc-research", "other"), CLIENT_ID, later);
        HttpResponse<String> answer = get("/api/analytics/task_throughput?from=" + today.minusDays(1) + "&to=" + today.plusDays(1), analyst);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

        HttpResponse<String> byGroup = get("/api/costs/by-group?" + range, issuer.token("oidc-admin", List.of("admin"), CLIENT_ID, later));
        assertThat(byGroup.statusCode()).as(byGroup.body()).isEqualTo(200);
        try (JsonReader reader = Json.createReader(new StringReader(byGroup.body()))) {
            assertThat(reader.readArray().stream().map(JsonValue::asJsonObject)
                    .filter(row -> row.getString("group").equals("oidc-research")).map(row -> row.getJsonNumber("queries").longValue()))
                    .as("the first group of the claim pays").containsExactly(1L);
        }
    }

    @Test
    void theDashboardSignsInThroughTheProviderAndItsSessionCookieAuthenticatesItsCalls() throws Exception {
        issuer.signInAs("oidc-dashboard", List.of("viewer", "ingest"));
        Browser browser = new Browser();
        HttpResponse<String> page = browser.open(server.appUrl() + "/sso/");
        assertThat(page.statusCode()).as(page.uri() + ": " + page.body()).isEqualTo(200);
        assertThat(page.uri().getPath()).as("sent on to the dashboard").isEqualTo("/");
        assertThat(browser.visited).as("through the provider and back").anyMatch(uri -> uri.startsWith(issuer.url()));
        String cookie = browser.setCookies.stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");

        HttpResponse<String> read = browser.call("GET", "/api/agents?limit=1", null, true);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        String agent = "{\"name\":\"oidc-dashboard\",\"role\":\"r\",\"model\":\"m\"}";
        HttpResponse<String> forged = browser.call("POST", "/api/agents", agent, false);
        assertThat(forged.statusCode()).as("a write on the cookie alone, as another site could make: " + forged.body()).isEqualTo(403);
        assertThat(forged.body()).contains("X-Requested-With");
        HttpResponse<String> written = browser.call("POST", "/api/agents", agent, true);
        assertThat(written.statusCode()).as(written.body()).isEqualTo(201);
        String id;
        try (JsonReader reader = Json.createReader(new StringReader(written.body()))) {
            id = reader.readObject().getString("id");
        }
        assertThat(awaitActor(id)).isEqualTo("oidc-dashboard");

        HttpResponse<String> signedOut = browser.send(HttpRequest.newBuilder(URI.create(server.appUrl() + "/sso/sign-out"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(signedOut.statusCode()).isEqualTo(303);
        assertThat(signedOut.headers().firstValue("Location").orElse("")).endsWith("/?signed-out");
        assertThat(issuer.logouts()).as("the provider was told").isNotEmpty();
        HttpResponse<String> after = browser.call("GET", "/api/agents?limit=1", null, true);
        assertThat(after.statusCode()).as("the session is over; a script's call gets 401, not a redirect").isEqualTo(401);
    }

    @Test
    void inABrowserTheDashboardGoesThroughTheProviderShowsItsDataAndSignsOut() throws Exception {
        issuer.signInAs("oidc-browser", List.of("viewer"));
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            WebDriver page = browser.driver();
            page.get(server.appUrl() + "/");
            browser.awaitText(By.id("signed-in"), "signed in through single sign-on", Duration.ofSeconds(90));
            browser.awaitText(By.id("today"), "the server's today is", Duration.ofSeconds(60));
            assertThat(page.findElements(By.id("login-user")).stream().noneMatch(WebElement::isDisplayed))
                    .as("no password dialog with single sign-on").isTrue();
            browser.click(By.id("sign-out"));
            browser.awaitText(By.id("sso-notice"), "Signed out.", Duration.ofSeconds(60));
            assertThat(page.getCurrentUrl()).endsWith("/?signed-out");
            assertThat(page.findElement(By.id("signed-in")).isDisplayed()).as("nobody shown as signed in").isFalse();
        }
    }

    /** A browser: keeps cookies, follows redirects (remembering where it went and the cookies it was given). */
    private static final class Browser {
        private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        private final List<String> visited = new ArrayList<>();
        private final List<String> setCookies = new ArrayList<>();

        HttpResponse<String> open(String url) throws IOException, InterruptedException {
            URI next = URI.create(url);
            for (int hop = 0; hop < 10; hop++) {
                visited.add(next.toString());
                HttpResponse<String> reply = send(HttpRequest.newBuilder(next).header("Accept", "text/html").GET().build());
                if (reply.statusCode() / 100 != 3) {
                    return reply;
                }
                next = next.resolve(reply.headers().firstValue("Location").orElseThrow());
            }
            throw new AssertionError("more than 10 redirects: " + visited);
        }

        /** A call of the dashboard's script: JSON, with or without the header its scripts send. */
        HttpResponse<String> call(String method, String path, String json, boolean fromScript) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.appUrl() + path)).header("Accept", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            if (fromScript) {
                request.header("X-Requested-With", "XMLHttpRequest");
            }
            return send(request.build());
        }

        HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
            HttpResponse<String> reply = client.send(request, HttpResponse.BodyHandlers.ofString());
            setCookies.addAll(reply.headers().allValues("Set-Cookie"));
            return reply;
        }
    }

    private static HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(server.appUrl() + path)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean asksForBearerTokens() throws InterruptedException {
        try {
            HttpResponse<String> reply = call(null);
            return reply.statusCode() == 401 && reply.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer");
        } catch (IOException e) {
            return false; // reloading
        }
    }

    @Test
    void noTokenReachesTheServerLogEvenWhereTheClientQuotesIt() throws Exception {
        String token = issuer.token("oidc-viewer", List.of("viewer"), CLIENT_ID, Instant.now(SystemTime.clock()).plusSeconds(600));
        String refused = issuer.token("oidc-viewer", List.of("viewer"), "another-api", Instant.now(SystemTime.clock()).plusSeconds(600));
        assertThat(call(token).statusCode()).isEqualTo(200);
        assertThat(call(refused).statusCode()).isEqualTo(401);
        String log = Files.readString(server.logFile());
        assertThat(log).as("the client logged its token handling at TRACE").contains("Verifying access_token").contains("eyJ***");
        assertThat(log).doesNotContain(token).doesNotContain(refused)
                .doesNotContain(token.substring(token.lastIndexOf('.') + 1));
    }

    /** GET /api/agents with the token (null: none). */
    private static HttpResponse<String> call(String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.appUrl() + "/api/agents?limit=1")).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String awaitActor(String agent) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        try (Connection c = DriverManager.getConnection(databaseUrl(), TestDatabase.SUPERUSER,
                System.getenv().getOrDefault("TOKYOIA_PG_SUPERUSER_PASSWORD", "postgres"))) {
            while (true) {
                try (PreparedStatement ps = c.prepareStatement("SELECT actor FROM audit_log WHERE entity_type = 'agent' AND entity_id = ?")) {
                    ps.setString(1, agent);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            return rs.getString(1);
                        }
                    }
                }
                assertThat(System.nanoTime()).as("the audit entry of agent " + agent).isLessThan(deadline);
                Thread.sleep(200);
            }
        }
    }

    private static String databaseUrl() {
        return testUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + DATABASE + "$1");
    }

    private static String testUrl() {
        return System.getenv().getOrDefault("TOKYOIA_DB_URL", "jdbc:postgresql://127.0.0.1:5432/tokyoia_test");
    }
}

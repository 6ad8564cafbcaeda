package com.tokyoia.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.testing.Http;
import com.tokyoia.testing.Http.Reply;
import com.tokyoia.testing.Http.User;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The secrets the test server is configured with (the database roles' passwords, which its
 * datasources read from the credential store, and the application users' passwords) appear in no process's arguments and in no line of
 * the server's logs, and both log handlers carry the redacting filter. ./tokyo-ia test scans the
 * logs once more after the whole run.
 */
@Tag(ClockIndependent.TAG)
@ExtendWith(ArquillianExtension.class)
class SecretsIT {
    private static final Path HOME = Path.of(System.getProperty("jboss.home"));

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.builtEar();
    }

    @Test
    void noProcessCarriesASecretInItsArguments() {
        List<String> servers = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(process -> process.info().commandLine().ifPresent(line -> {
            if (line.contains("jboss-modules.jar")) {
                servers.add(line);
            }
            for (String secret : secrets()) {
                assertThat(line).as("process " + process.pid() + "'s arguments").doesNotContain(secret);
            }
        }));
        assertThat(servers).as("the test server runs (its command line was read)").isNotEmpty();
    }

    @Test
    void noServerLogLineCarriesASecret() throws IOException {
        // A refused login carries a password the server must not write anywhere.
        Reply wrong = Http.get(new User(User.ADMIN.name(), User.VIEWER.password()), "/api/agents?limit=1");
        assertThat(wrong.status()).isEqualTo(401);
        Reply right = Http.get(User.ADMIN, "/api/agents?limit=1");
        assertThat(right.status()).isEqualTo(200);

        List<Path> logs;
        try (Stream<Path> files = Files.walk(HOME.resolve("standalone/log"))) {
            logs = files.filter(Files::isRegularFile).toList();
        }
        assertThat(logs).as("server logs").isNotEmpty();
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.ISO_8859_1);
            for (String secret : secrets()) {
                assertThat(text).as(log + " holds a configured secret").doesNotContain(secret);
            }
        }
    }

    @Test
    void bothLogHandlersRedactPasswordsAndCredentials() throws IOException {
        String config = Files.readString(HOME.resolve("standalone/configuration/standalone.xml"));
        for (String handler : List.of("<console-handler name=\"CONSOLE\"", "<periodic-rotating-file-handler name=\"FILE\"")) {
            int start = config.indexOf(handler);
            assertThat(start).as(handler).isNotNegative();
            String element = config.substring(start, config.indexOf("</", start));
            assertThat(element).as(handler).contains("substituteAll(").contains("password").contains("authorization");
        }
    }

    @Test
    void theDatabasePasswordsComeFromTheCredentialStoreNotFromTheConfiguration() throws IOException {
        String config = Files.readString(HOME.resolve("standalone/configuration/standalone.xml"));
        for (String secret : secrets()) {
            assertThat(config).as("standalone.xml holds a configured secret").doesNotContain(secret);
        }
        for (String dataSource : List.of("TokyoIaDS", "TokyoIaEtlDS", "TokyoIaOwnerDS")) {
            int start = config.indexOf("pool-name=\"" + dataSource + "\"");
            assertThat(start).as(dataSource).isNotNegative();
            String security = config.substring(config.indexOf("<security", start), config.indexOf("</security>", start));
            assertThat(security).as(dataSource).contains("<credential-reference store=\"tokyo-ia\"").doesNotContain("password");
        }
        assertThat(Files.size(HOME.resolve("standalone/configuration/tokyo-ia.cs"))).as("the store holds the aliases").isPositive();
        for (String keys : List.of("<key-store name=\"applicationKS\"", "<key-manager name=\"applicationKM\"")) {
            int start = config.indexOf(keys);
            assertThat(config.substring(start, config.indexOf("</key-", start))).as(keys)
                    .contains("<credential-reference store=\"tokyo-ia\" alias=\"tls-keystore\"/>");
        }
    }

    /** What must never be written down: values long enough to be real (a trust-auth placeholder is not). */
    private static List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        for (String name : List.of("TOKYOIA_DB_PASSWORD", "TOKYOIA_DB_OWNER_PASSWORD", "TOKYOIA_PG_SUPERUSER_PASSWORD",
                "TOKYOIA_TLS_KEYSTORE_PASSWORD")) {
            String value = System.getenv(name);
            if (value != null && value.length() >= 12) {
                secrets.add(value);
            }
        }
        for (User user : List.of(User.ADMIN, User.ANALYST, User.VIEWER, User.INGEST)) {
            secrets.add(user.password());
        }
        return secrets;
    }
}

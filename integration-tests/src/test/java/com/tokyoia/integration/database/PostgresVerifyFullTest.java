package com.tokyoia.integration.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The datasource's URL form for TLS with full verification (README: TOKYOIA_DB_URL with
 * sslmode=verify-full and sslrootcert), against a throwaway PostgreSQL cluster the test makes:
 * initdb and pg_ctl of the installed PostgreSQL run as the postgres user on a port of its own, with
 * a CA and a server certificate (for 127.0.0.1) made by openssl, and pg_hba admitting TLS only. The
 * right CA connects encrypted; another CA, a host name the certificate does not name, and plain
 * text are refused.
 */
class PostgresVerifyFullTest {
    private static final Path BIN = Path.of(System.getenv().getOrDefault("TOKYOIA_PG_BIN", "/usr/lib/postgresql/15/bin"));
    private static Path dir;
    private static int port;

    @BeforeAll
    static void startClusterWithItsOwnCa() throws Exception {
        dir = Files.createTempDirectory("tokyoia-pg-tls-");
        Path data = dir.resolve("data");
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                "-subj", "/CN=tokyo-ia test CA");
        run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/CN=127.0.0.1");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        run(dir, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.pem", "-days", "2", "-extfile", "san.ext");
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other.key", "-out", "other-ca.pem", "-days", "2",
                "-subj", "/CN=another CA");
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        // PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
        UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.setOwner(file, postgres);
            }
        }
        Files.setOwner(dir, postgres);
        Files.setPosixFilePermissions(dir.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
        asPostgres(BIN.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "postgres", "--no-sync");
        Files.writeString(data.resolve("postgresql.conf"), String.join("\n", "", "port = " + port, "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = '" + dir + "'", "ssl = on", "ssl_cert_file = '" + dir.resolve("server.pem") + "'",
                "ssl_key_file = '" + dir.resolve("server.key") + "'", "fsync = off", ""), StandardOpenOption.APPEND);
        Files.writeString(data.resolve("pg_hba.conf"), "hostssl all all 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 reject\n");
        asPostgres(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("postgres.log").toString(), "-w", "start");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (dir != null && Files.exists(dir.resolve("data/postmaster.pid"))) {
            asPostgres(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        }
        if (dir != null) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    @Test
    void verifyFullWithTheClustersCaConnectsEncrypted() throws SQLException {
        try (Connection c = DriverManager.getConnection(url("127.0.0.1", "sslmode=verify-full&sslrootcert=" + dir.resolve("ca.pem")),
                "postgres", "unused");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).as("the session is encrypted").isTrue();
            assertThat(rs.getString(2)).startsWith("TLSv1.");
        }
    }

    @Test
    void anotherCaAnotherHostNameAndPlainTextAreRefused() {
        assertThatThrownBy(() -> DriverManager.getConnection(url("127.0.0.1", "sslmode=verify-full&sslrootcert="
                + dir.resolve("other-ca.pem")), "postgres", "unused").close())
                .as("a certificate the configured CA did not sign").isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(url("localhost", "sslmode=verify-full&sslrootcert="
                + dir.resolve("ca.pem")), "postgres", "unused").close())
                .as("a host name the certificate does not name").isInstanceOf(SQLException.class)
                .hasMessageContaining("localhost");
        assertThatThrownBy(() -> DriverManager.getConnection(url("127.0.0.1", "sslmode=disable"), "postgres", "unused").close())
                .as("plain text: pg_hba admits TLS only").isInstanceOf(SQLException.class)
                .hasMessageContaining("pg_hba.conf");
    }

    private static String url(String host, String parameters) {
        return "jdbc:postgresql://" + host + ":" + port + "/postgres?" + parameters;
    }

    private static void asPostgres(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        line.addAll(List.of(command));
        run(dir, line.toArray(String[]::new));
    }

    private static void run(Path in, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }
}

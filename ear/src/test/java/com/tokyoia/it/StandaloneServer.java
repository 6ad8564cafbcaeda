package com.tokyoia.it;

import com.tokyoia.platform.time.SystemTime;
import com.tokyoia.testing.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A second WildFly of the build's installation, outside Arquillian, so that a test may kill it with
 * SIGKILL and start it again: its own base directory (configuration copied from the installation
 * without deployments, the built EAR in its deployment scanner's folder, its own data and lake), its
 * own port offset and the environment it is given. It inherits the test JVM's environment and zone;
 * under libfaketime (the CI's faketime run) each start begins at the test JVM's current faked
 * instant, as a restarted machine's clock goes on from where the world is, not from where the
 * first start began.
 */
final class StandaloneServer implements AutoCloseable {
    private static final DateTimeFormatter FAKETIME_START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Path home;
    private final Path base;
    private final int portOffset;
    private final Map<String, String> environment;
    private Process process;
    private int starts;

    private StandaloneServer(Path home, Path base, int portOffset, Map<String, String> environment) {
        this.home = home;
        this.base = base;
        this.portOffset = portOffset;
        this.environment = environment;
    }

    /** A fresh base directory under {@code base} with the installation's configuration and the EAR. */
    static StandaloneServer prepare(Path base, int portOffset, Map<String, String> environment) throws IOException {
        Path home = Path.of(System.getProperty("jboss.home"));
        deleteTree(base);
        Files.createDirectories(base.resolve("configuration"));
        Files.createDirectories(base.resolve("deployments"));
        try (Stream<Path> files = Files.list(home.resolve("standalone/configuration"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, base.resolve("configuration").resolve(file.getFileName()));
            }
        }
        // The users (the filesystem realm under the data directory), so the tests' admin may call it.
        copyTree(home.resolve("standalone/data/tokyoia-users"), base.resolve("data/tokyoia-users"));
        // Deployments the Arquillian server may have persisted belong to its own content repository.
        Path config = base.resolve("configuration/standalone.xml");
        Files.writeString(config, Files.readString(config).replaceAll("(?s)<deployments>.*?</deployments>", ""));
        Files.copy(Path.of(System.getProperty("tokyoia.ear", "target/tokyo-ia.ear")), base.resolve("deployments/tokyo-ia.ear"),
                StandardCopyOption.REPLACE_EXISTING);
        return new StandaloneServer(home, base, portOffset, environment);
    }

    String appUrl() {
        return "http://127.0.0.1:" + (8080 + portOffset);
    }

    /** The server's own log (JSON lines). */
    Path logFile() {
        return base.resolve("log/server.log");
    }

    Path lakeRoot() {
        return base.resolve("data/tokyo-ia-lake");
    }

    /** Starts the server and waits until the EAR is deployed and the API answers. */
    void start(Duration limit) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + portOffset,
                "-Djboss.node.name=standalone-it", "-Duser.timezone=" + System.getProperty("user.timezone", "UTC")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("console-" + ++starts + ".log").toFile()));
        builder.environment().remove("LAUNCH_JBOSS_IN_BACKGROUND");
        builder.environment().put("JAVA_OPTS", "-Xms128m -Xmx768m -Djava.net.preferIPv4Stack=true -Djava.awt.headless=true");
        builder.environment().putAll(environment);
        String faketime = builder.environment().get("FAKETIME");
        if (faketime != null && faketime.startsWith("@")) {
            // Continues this JVM's fake clock; libfaketime reads the start in the process's zone (TZ).
            ZoneId zone = ZoneId.of(builder.environment().getOrDefault("TZ", "UTC"));
            builder.environment().put("FAKETIME", "@" + LocalDateTime.now(SystemTime.clock().withZone(zone)).format(FAKETIME_START));
        }
        Files.deleteIfExists(base.resolve("deployments/tokyo-ia.ear.failed"));
        process = builder.start();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + log());
            }
            if (Files.exists(base.resolve("deployments/tokyo-ia.ear.failed"))) {
                throw new IllegalStateException("the EAR failed to deploy: " + Files.readString(base.resolve("deployments/tokyo-ia.ear.failed")));
            }
            if (Files.exists(base.resolve("deployments/tokyo-ia.ear.deployed")) && status("/api/etl/runs") == 200) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the server did not deploy the EAR within " + limit.toSeconds() + " s; see " + log());
    }

    /** SIGKILL to the server's JVM: no shutdown hook, no graceful undeploy, as when the machine dies. */
    void kill() throws InterruptedException {
        List<ProcessHandle> jvms = process.descendants().toList();
        jvms.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        for (ProcessHandle jvm : jvms) {
            jvm.onExit().join();
        }
    }

    /** Runs a JBoss CLI script (or, with {@code --command=...}, one command) against the running server's management port. */
    void cli(String fileOrCommand) throws IOException, InterruptedException {
        String argument = fileOrCommand.startsWith("--command=") ? fileOrCommand : "--file=" + fileOrCommand;
        // A reload waits for the server to come back within the connection timeout (5 s by default): an EAR takes longer.
        Process cli = new ProcessBuilder(home.resolve("bin/jboss-cli.sh").toString(), "--connect", "--timeout=120000",
                "--controller=127.0.0.1:" + (9990 + portOffset), argument)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("cli.log").toFile())).start();
        if (!cli.waitFor(120, TimeUnit.SECONDS)) {
            cli.destroyForcibly();
            throw new IllegalStateException("jboss-cli " + argument + " did not end within 120 s; see " + base.resolve("cli.log"));
        }
        if (cli.exitValue() != 0) {
            throw new IllegalStateException("jboss-cli " + argument + " failed: " + Files.readString(base.resolve("cli.log")));
        }
    }

    /** A graceful stop (SIGTERM to the JVM, as a service manager sends), or SIGKILL after a minute. */
    @Override
    public void close() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        List<ProcessHandle> jvms = process.descendants().toList();
        jvms.forEach(ProcessHandle::destroy);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }

    int status(String path) {
        try {
            return CLIENT.send(request(path).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return CLIENT.send(request(path).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return CLIENT.send(request(path).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** As the tests' admin. */
    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(appUrl() + path)).header("Authorization", Http.User.ADMIN.authorization());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private Path log() {
        return base.resolve("console-" + starts + ".log");
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}

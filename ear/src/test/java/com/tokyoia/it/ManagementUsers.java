package com.tokyoia.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.testing.Http;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Management users of the test server, added the way ./tokyo-ia admin-user adds one. */
final class ManagementUsers {
    private ManagementUsers() {
    }

    /** Adds (or resets) the user with a new random password and makes the running server's realm read it; returns the password. */
    static String add(String name) throws IOException, InterruptedException {
        String password = "It-" + UUID.randomUUID().toString().substring(0, 12);
        Path home = Path.of(System.getProperty("jboss.home"));
        run(new ProcessBuilder(home.resolve("bin/add-user.sh").toString(), "-s", "-u", name, "-p", password,
                "-sc", home.resolve("standalone/configuration").toString()), 60);
        // The realm rereads its file when the file looks newer than its last load; under the faketime
        // run the server's clock is days ahead of the file's, so reload it (local CLI authentication).
        URI management = URI.create(Http.MANAGEMENT);
        run(new ProcessBuilder(home.resolve("bin/jboss-cli.sh").toString(), "--connect",
                "--controller=" + management.getHost() + ":" + management.getPort(),
                "--command=/subsystem=elytron/properties-realm=ManagementRealm:load"), 120);
        return password;
    }

    private static void run(ProcessBuilder command, int seconds) throws IOException, InterruptedException {
        Process process = command.redirectErrorStream(true).start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command.command() + " did not end within " + seconds + " s");
        }
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
    }
}

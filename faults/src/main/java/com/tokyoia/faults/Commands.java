package com.tokyoia.faults;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** The shell commands a fault is injected and undone with, and the settings each fault reads from the environment. */
public final class Commands {
    private Commands() {
    }

    /** Runs a command line with bash (quotes as in a shell) plus any extra words; fails unless it exits 0. */
    static void run(String commandLine, String... more) {
        List<String> command = List.of("bash", "-c", commandLine + " " + String.join(" ", more));
        try {
            Process p = new ProcessBuilder(command).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + p.exitValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(String.join(" ", command) + " interrupted", e);
        }
    }

    static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be set");
        }
        return value;
    }

    public static double number(String name, double fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Double.parseDouble(value);
    }

    static Duration seconds(String name, double fallback) {
        return Duration.ofMillis((long) (number(name, fallback) * 1000));
    }
}

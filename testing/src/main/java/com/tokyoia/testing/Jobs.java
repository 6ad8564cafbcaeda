package com.tokyoia.testing;

import com.tokyoia.testing.Http.Reply;
import jakarta.json.JsonObject;
import java.time.Duration;

/** Waits for a Jakarta Batch job execution of the running server to end, through the operations API. */
public final class Jobs {
    private Jobs() {
    }

    /** The run as GET /api/etl/runs/{id} reports it once it is no longer STARTING or STARTED. */
    public static JsonObject awaitEnd(long execution) {
        return awaitEnd(execution, Duration.ofSeconds(120));
    }

    public static JsonObject awaitEnd(long execution, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Reply run = Http.get("/api/etl/runs/" + execution);
            if (run.status() != 200) {
                throw new AssertionError("GET /api/etl/runs/" + execution + " answered " + run.status() + ": " + run.body());
            }
            String status = run.json().getString("status");
            if (!status.equals("STARTING") && !status.equals("STARTED")) {
                return run.json();
            }
            sleep(Duration.ofMillis(250));
        }
        throw new AssertionError("job execution " + execution + " did not end within " + limit.toSeconds() + " s");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package com.tokyoia.etl.infrastructure.extract;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Threads for the extract pipeline when it runs outside the server (tests, benchmarks, tools); in
 * the server a managed executor is passed instead. Not the common fork-join pool: on two cores it
 * has one worker, and the row stream waiting on the checksum queued behind it stalled every export.
 */
public final class OutsideServerThreads {
    public static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "tokyo-ia-extract");
        thread.setDaemon(true);
        return thread;
    });

    private OutsideServerThreads() {
    }
}

package com.tokyoia.etl.infrastructure.extract;

import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** A flag one thread of an extract raises to stop the others at their next row or batch. */
final class StopFlag {
    private volatile boolean set;

    void set() {
        set = true;
    }

    boolean isSet() {
        return set;
    }

    /** The result of work run on another thread, its failure thrown as the failure it was. */
    static <T> T join(CompletableFuture<T> work) throws IOException, SQLException {
        try {
            return work.join();
        } catch (CompletionException e) {
            rethrow(e.getCause() == null ? e : e.getCause());
            throw e;
        }
    }

    /** Throws {@code failure} as the checked or unchecked exception it is; returns only for other throwables. */
    static void rethrow(Throwable failure) throws IOException, SQLException {
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof SQLException sql) {
            throw sql;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
    }
}

package com.tokyoia.analytics.application.port;

import jakarta.ejb.ApplicationException;

/**
 * The cold engine could not answer: the query failed or was cancelled on the engine, or it ran past
 * its time limit and was stopped. The message carries the engine's own reason and query id; the API
 * answers 502 with it (the request was valid, the engine behind us failed).
 */
@ApplicationException
public class ColdEngineException extends RuntimeException {
    private final String engine;
    private final String engineQueryId;

    public ColdEngineException(String engine, String engineQueryId, String message) {
        super(message);
        this.engine = engine;
        this.engineQueryId = engineQueryId;
    }

    public String engine() {
        return engine;
    }

    public String engineQueryId() {
        return engineQueryId;
    }
}

package com.tokyoia.analytics.domain;

import java.util.Map;

/** Receives partial rows one at a time as an engine reads them, so no engine holds a whole answer's partials. */
@FunctionalInterface
public interface PartialSink {
    void accept(Map<String, Object> partial);
}

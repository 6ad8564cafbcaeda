package com.tokyoia.persistence.domain.idempotency;

import java.util.Arrays;
import java.util.Objects;

/**
 * What the first request with an idempotency key was answered, kept to answer its retries the
 * same: the operation and a hash of the request it was given (a retry must repeat both), and the
 * status, Location and JSON body sent.
 */
public record StoredAnswer(String operation, byte[] requestSha256, int status, String location, String body) {
    public StoredAnswer {
        requestSha256 = requestSha256.clone();
    }

    @Override
    public byte[] requestSha256() {
        return requestSha256.clone();
    }

    /** True when a retry names the same operation with the same request. */
    public boolean answers(String otherOperation, byte[] otherSha256) {
        return operation.equals(otherOperation) && Arrays.equals(requestSha256, otherSha256);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredAnswer s && operation.equals(s.operation) && Arrays.equals(requestSha256, s.requestSha256)
                && status == s.status && Objects.equals(location, s.location) && Objects.equals(body, s.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(operation, Arrays.hashCode(requestSha256), status, location, body);
    }

    @Override
    public String toString() {
        return "StoredAnswer[" + operation + ", status " + status + "]";
    }
}

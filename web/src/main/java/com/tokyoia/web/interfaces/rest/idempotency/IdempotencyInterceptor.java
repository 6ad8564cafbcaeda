package com.tokyoia.web.interfaces.rest.idempotency;

import com.tokyoia.persistence.domain.idempotency.StoredAnswer;
import com.tokyoia.persistence.repository.IdempotencyKeyRepository;
import com.tokyoia.web.application.CurrentTransaction;
import com.tokyoia.web.application.IdempotencyKeyReusedException;
import com.tokyoia.web.application.InvalidInputException;
import com.tokyoia.web.interfaces.rest.json.JsonBodyGuard;
import com.tokyoia.web.interfaces.rest.json.StrictJsonbResolver;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Stores an {@link Idempotent} write once however often the client sends it with the same
 * {@code Idempotency-Key} (draft-ietf-httpapi-idempotency-key-header), and answers every retry
 * with the first answer, marked {@code Idempotent-Replayed: true}.
 *
 * <p>Runs inside the method's transaction: the key is claimed before the write and its answer kept
 * after it, in the same commit. A write that fails rolls its key back with it, so the client's
 * retry runs as new; a retry arriving while the first attempt is still running waits for it on the
 * key's row, at most {@link IdempotencyKeyRepository#CLAIM_WAIT} (then 409, try again). The same key
 * with another request is refused (422) and changes nothing. Only answers
 * the method returns are kept; refusals (4xx) are exceptions and keep nothing.
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class IdempotencyInterceptor {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    /** Visible ASCII without spaces, up to 255 characters: a UUID, a ULID or the client's own request id all fit. */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    @Inject
    HttpServletRequest http;
    @Inject
    IdempotencyKeyRepository keys;
    @Inject
    Clock clock;
    @Inject
    CurrentTransaction transaction;

    @AroundInvoke
    Object once(InvocationContext call) throws Exception {
        String key = http.getHeader(HEADER);
        if (key == null) {
            return call.proceed();
        }
        if (!transaction.isActive()) {
            // A programming error, not the client's: without it the key would commit alone, answerless.
            throw new IllegalStateException(call.getMethod() + " is @Idempotent but runs outside a transaction: add @Transactional");
        }
        if (!KEY.matcher(key).matches()) {
            throw new InvalidInputException(HEADER, "must be 1 to 255 visible ASCII characters without spaces");
        }
        String principal = http.getUserPrincipal() == null ? "" : http.getUserPrincipal().getName();
        String operation = http.getMethod() + " " + http.getRequestURI();
        byte[] request = fingerprint(call);
        if (!keys.claim(principal, key, operation, request, clock.instant())) {
            return replay(keys.find(principal, key), key, operation, request);
        }
        Response first = (Response) call.proceed();
        String body = first.hasEntity() ? StrictJsonbResolver.JSONB.toJson(first.getEntity()) : null;
        String location = first.getLocation() == null ? null : first.getLocation().toString();
        keys.answer(principal, key, first.getStatus(), location, body);
        return answer(first.getStatus(), location, body).build();
    }

    private static Object replay(Optional<StoredAnswer> kept, String key, String operation, byte[] request) {
        // Expired between the claim and this read, or kept without an answer: either way, the next try decides.
        StoredAnswer first = kept.orElseThrow(() -> new IdempotencyKeyRepository.KeyInUseException(key));
        if (!first.answers(operation, request)) {
            throw new IdempotencyKeyReusedException(HEADER, key + " was first used for another request ("
                    + first.operation() + " with another body); a retry must repeat the request exactly, a new request needs a new key");
        }
        return answer(first.status(), first.location(), first.body()).header(REPLAYED, "true").build();
    }

    private static Response.ResponseBuilder answer(int status, String location, String body) {
        Response.ResponseBuilder answer = Response.status(status);
        if (location != null) {
            answer.header("Location", location);
        }
        return body == null ? answer : answer.entity(body).type(MediaType.APPLICATION_JSON_TYPE);
    }

    /**
     * The body's bytes as the client sent them (hashed as they were read), so a retry must repeat
     * the request exactly; without a body, the bound parameters as JSON (whose escaping keeps two
     * different requests from reading the same).
     */
    private byte[] fingerprint(InvocationContext call) {
        Object read = http.getAttribute(JsonBodyGuard.BODY_SHA256);
        return read instanceof byte[] sha ? sha : sha256(StrictJsonbResolver.JSONB.toJson(call.getParameters()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}

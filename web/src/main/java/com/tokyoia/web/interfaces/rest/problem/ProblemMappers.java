package com.tokyoia.web.interfaces.rest.problem;

import com.tokyoia.etl.application.JobAlreadyRunningException;
import com.tokyoia.etl.application.recovery.ObjectVersionRestore;
import com.tokyoia.persistence.domain.IllegalTransitionException;
import com.tokyoia.persistence.domain.paging.InvalidCursorException;
import com.tokyoia.persistence.partition.DayPurgedException;
import com.tokyoia.persistence.repository.IdempotencyKeyRepository;
import com.tokyoia.platform.error.InvalidValueException;
import com.tokyoia.web.application.AccessRefusedException;
import com.tokyoia.web.application.AuditTrail;
import com.tokyoia.web.application.ConflictException;
import com.tokyoia.web.application.IdempotencyKeyReusedException;
import com.tokyoia.web.application.InvalidInputException;
import com.tokyoia.web.application.PayloadTooLargeException;
import com.tokyoia.web.application.ResourceNotFoundException;
import com.tokyoia.web.application.TooManyRequestsException;
import com.tokyoia.web.interfaces.rest.RequestValues;
import com.tokyoia.web.interfaces.rest.problem.Problem.FieldError;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Maps the application's own exceptions to problem+json; one small mapper per exception. */
public final class ProblemMappers {
    private ProblemMappers() {
    }

    static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }

    @Provider
    public static class InvalidInput implements ExceptionMapper<InvalidValueException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(InvalidValueException e) {
            return toResponse(e, uri);
        }

        Response toResponse(InvalidValueException e, UriInfo at) {
            return Problem.of(Status.BAD_REQUEST, "invalid-input", e.field() + " " + e.getMessage(), path(at),
                    List.of(new FieldError(e.field(), e.getMessage()))).toResponse();
        }
    }

    @Provider
    public static class InvalidCursor implements ExceptionMapper<InvalidCursorException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(InvalidCursorException e) {
            return new InvalidInput().toResponse(new InvalidInputException("cursor", e.getMessage()), uri);
        }
    }

    @Provider
    public static class ConstraintViolations implements ExceptionMapper<ConstraintViolationException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(ConstraintViolationException e) {
            List<FieldError> errors = e.getConstraintViolations().stream()
                    .map(v -> new FieldError(RequestValues.fieldOf(v.getPropertyPath()), v.getMessage()))
                    .sorted(Comparator.comparing(FieldError::field))
                    .toList();
            String detail = errors.stream().map(f -> f.field() + " " + f.message())
                    .collect(Collectors.joining("; "));
            return Problem.of(Status.BAD_REQUEST, "invalid-input", detail, path(uri), errors).toResponse();
        }
    }

    @Provider
    public static class NotFound implements ExceptionMapper<ResourceNotFoundException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(ResourceNotFoundException e) {
            return Problem.of(Status.NOT_FOUND, "not-found", e.getMessage(), path(uri),
                    e.field() == null ? null : List.of(new FieldError(e.field(), e.getMessage()))).toResponse();
        }
    }

    @Provider
    public static class IllegalTransition implements ExceptionMapper<IllegalTransitionException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(IllegalTransitionException e) {
            return Problem.of(Status.CONFLICT, "illegal-transition", e.getMessage(), path(uri),
                    List.of(new FieldError("status", e.getMessage()))).toResponse();
        }
    }

    @Provider
    public static class Conflict implements ExceptionMapper<ConflictException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(ConflictException e) {
            return Problem.of(Status.CONFLICT, "conflict", e.getMessage(), path(uri),
                    List.of(new FieldError(e.field(), e.getMessage()))).toResponse();
        }
    }

    @Provider
    public static class IdempotencyKeyReused implements ExceptionMapper<IdempotencyKeyReusedException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(IdempotencyKeyReusedException e) {
            return Problem.of(422, "Unprocessable Content", "idempotency-key-reused", e.getMessage(), path(uri),
                    List.of(new FieldError(e.field(), e.getMessage()))).toResponse();
        }
    }

    @Provider
    public static class IdempotencyKeyInUse implements ExceptionMapper<IdempotencyKeyRepository.KeyInUseException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(IdempotencyKeyRepository.KeyInUseException e) {
            return Response.fromResponse(Problem.of(Status.CONFLICT, "idempotency-key-in-use", e.getMessage(), path(uri),
                    List.of(new FieldError("Idempotency-Key", e.getMessage()))).toResponse()).header("Retry-After", 1).build();
        }
    }

    /** Role required, cross-site request: 403 with the exception's problem type, and the refusal audited. */
    @Provider
    public static class AccessRefused implements ExceptionMapper<AccessRefusedException> {
        @Context
        UriInfo uri;
        @Context
        HttpServletRequest request;
        @Inject
        AuditTrail audit;

        @Override
        public Response toResponse(AccessRefusedException e) {
            audit.refused(Status.FORBIDDEN.getStatusCode(), request.getMethod(), path(uri), request.getRemoteAddr());
            return Problem.of(Status.FORBIDDEN, e.problemType(), e.getMessage(), path(uri), null).toResponse();
        }
    }

    @Provider
    public static class TooManyRequests implements ExceptionMapper<TooManyRequestsException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(TooManyRequestsException e) {
            return Response.fromResponse(Problem.of(Status.TOO_MANY_REQUESTS, "rate-limited", e.getMessage(), path(uri), null).toResponse())
                    .header("Retry-After", e.retryAfterSeconds()).build();
        }
    }

    @Provider
    public static class JobRunning implements ExceptionMapper<JobAlreadyRunningException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(JobAlreadyRunningException e) {
            return Problem.of(Status.CONFLICT, "job-running", e.getMessage(), path(uri), null).toResponse();
        }
    }

    @Provider
    public static class DayPurged implements ExceptionMapper<DayPurgedException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(DayPurgedException e) {
            return Problem.of(Status.CONFLICT, "day-purged", e.getMessage(), path(uri), null).toResponse();
        }
    }

    @Provider
    public static class ObjectNotRestorable implements ExceptionMapper<ObjectVersionRestore.ObjectRestoreException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(ObjectVersionRestore.ObjectRestoreException e) {
            return Problem.of(Status.CONFLICT, "object-not-restorable", e.getMessage(), path(uri), null).toResponse();
        }
    }

    @Provider
    public static class ConcurrentUpdate implements ExceptionMapper<OptimisticLockException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(OptimisticLockException e) {
            return Problem.of(Status.CONFLICT, "concurrent-update",
                    "the resource was changed by another request; read it again and retry", path(uri), null).toResponse();
        }
    }

    @Provider
    public static class TooLarge implements ExceptionMapper<PayloadTooLargeException> {
        @Context
        UriInfo uri;

        @Override
        public Response toResponse(PayloadTooLargeException e) {
            return Problem.of(Status.REQUEST_ENTITY_TOO_LARGE, "payload-too-large", e.getMessage(), path(uri), null)
                    .toResponse();
        }
    }
}

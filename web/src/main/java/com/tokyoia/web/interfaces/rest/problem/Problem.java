package com.tokyoia.web.interfaces.rest.problem;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem detail, with the offending fields in {@code errors}. */
@JsonbPropertyOrder({"type", "title", "status", "detail", "instance", "errors"})
@Schema(requiredProperties = {"type", "title", "status"})
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
    public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");
    private static final String TYPE_PREFIX = "urn:tokyo-ia:problem:";

    @Schema(requiredProperties = {"field", "message"})
    public record FieldError(String field, String message) {
    }

    public static Problem of(Response.Status status, String type, String detail, String instance, List<FieldError> errors) {
        return of(status.getStatusCode(), status.getReasonPhrase(), type, detail, instance, errors);
    }

    public static Problem of(int status, String title, String type, String detail, String instance, List<FieldError> errors) {
        return new Problem(TYPE_PREFIX + type, title, status, detail, instance, errors == null || errors.isEmpty() ? null : errors);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}

package com.tokyoia.web.interfaces.rest;

import com.tokyoia.web.application.SessionService;
import com.tokyoia.web.application.Views.SessionView;
import com.tokyoia.web.interfaces.rest.dto.PageResponse;
import com.tokyoia.web.interfaces.rest.dto.SessionRequest;
import com.tokyoia.web.interfaces.rest.idempotency.Idempotent;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = ApiResponses.HOT)
@Path("/sessions")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SessionResource extends ResourceSupport {
    @Inject
    SessionService sessions;

    @RolesAllowed({Roles.INGEST, Roles.ADMIN})
    @POST
    @Idempotent
    @Transactional
    @Parameter(ref = ApiResponses.IDEMPOTENCY_KEY)
    @APIResponse(responseCode = "422", ref = ApiResponses.KEY_REUSED)
    @APIResponse(responseCode = "409", ref = ApiResponses.CONFLICT)
    @Operation(operationId = "startSession", summary = "Start a user session")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = ApiResponses.TOO_LARGE)
    public Response start(@RequestBody(content = @Content(mediaType = ApiResponses.JSON,
            examples = @ExampleObject(name = "example", value = RequestExamples.SESSION))) SessionRequest request) {
        SessionRequest body = values.body(request);
        SessionView started = sessions.start(body.userId(), body.client());
        return created(started.id(), started);
    }

    @RolesAllowed({Roles.INGEST, Roles.ADMIN})
    @POST
    @Path("/{id}/heartbeat")
    @Operation(operationId = "heartbeatSession", summary = "Record a session's heartbeat")
    @APIResponse(responseCode = "200", description = "The session",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiResponses.CONFLICT)
    public SessionView heartbeat(@PathParam("id") String id) {
        return sessions.heartbeat(values.uuid("id", id));
    }

    @RolesAllowed({Roles.INGEST, Roles.ADMIN})
    @POST
    @Path("/{id}/end")
    @Operation(operationId = "endSession", summary = "End a session")
    @APIResponse(responseCode = "200", description = "The session, ended",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiResponses.CONFLICT)
    public SessionView end(@PathParam("id") String id) {
        return sessions.end(values.uuid("id", id));
    }

    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.ADMIN})
    @GET
    @Path("/{id}")
    @Operation(operationId = "getSession", summary = "Read a session")
    @APIResponse(responseCode = "200", description = "The session",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiResponses.NOT_FOUND)
    public SessionView get(@PathParam("id") String id) {
        return sessions.get(values.uuid("id", id));
    }

    /** Active sessions: not ended, heartbeat within the idle timeout; optionally of one user. */
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.ADMIN})
    @GET
    @Path("/active")
    @Operation(operationId = "listActiveSessions", summary = "List active sessions, optionally of one user")
    @APIResponse(responseCode = "200", description = "A page; nextCursor fetches the next")
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    public PageResponse<SessionView> active(@QueryParam("userId") String userId, @QueryParam("cursor") String cursor,
                                            @QueryParam("limit") String limit) {
        return PageResponse.of(sessions.listActive(values.text("userId", userId, 200), values.cursor(cursor),
                pageSize(limit)));
    }
}

package com.tokyoia.web.interfaces.rest;

import com.tokyoia.persistence.domain.interaction.InteractionEvent;
import com.tokyoia.persistence.domain.interaction.InteractionKind;
import com.tokyoia.web.application.InteractionService;
import com.tokyoia.web.application.Views.InteractionView;
import com.tokyoia.web.interfaces.rest.dto.IngestResponse;
import com.tokyoia.web.interfaces.rest.dto.InteractionBatchRequest;
import com.tokyoia.web.interfaces.rest.dto.PageResponse;
import com.tokyoia.web.interfaces.rest.idempotency.Idempotent;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = ApiResponses.HOT)
@Path("/interactions")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InteractionResource extends ResourceSupport {
    @Inject
    InteractionService interactions;

    @RolesAllowed({Roles.INGEST, Roles.ADMIN})
    @POST
    @Idempotent
    @Transactional
    @Parameter(ref = ApiResponses.IDEMPOTENCY_KEY)
    @APIResponse(responseCode = "422", ref = ApiResponses.KEY_REUSED)
    @Operation(operationId = "ingestInteractions", summary = "Ingest a batch of agent interactions, all or none")
    @APIResponse(responseCode = "202", description = "Accepted: every interaction stored",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = IngestResponse.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiResponses.CONFLICT)
    @APIResponse(responseCode = "413", ref = ApiResponses.TOO_LARGE)
    public Response ingest(@RequestBody(content = @Content(mediaType = ApiResponses.JSON,
            examples = @ExampleObject(name = "example", value = RequestExamples.INTERACTIONS))) InteractionBatchRequest request) {
        checkBatchSize(request == null ? null : request.interactions(), "interaction");
        InteractionBatchRequest body = values.body(request);
        Instant now = clock.instant();
        List<InteractionEvent> events = each(body.interactions(), "interactions", (at, e) -> {
            limits.checkEventTime(at + "occurredAt", e.occurredAt(), now);
            return new InteractionEvent(values.uuid(at + "workflowId", e.workflowId()), values.uuid(at + "fromAgentId", e.fromAgentId()),
                    values.uuid(at + "toAgentId", e.toAgentId()), values.enumValue(at + "kind", e.kind(), InteractionKind.class),
                    e.tokens(), e.latencyMs(), e.occurredAt());
        });
        return Response.accepted(new IngestResponse(interactions.ingest(events))).build();
    }

    /** Interactions in [from, to) (both required); with agentId, those it sent or received. */
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.ADMIN})
    @GET
    @Operation(operationId = "listInteractions", summary = "List interactions in a time range, optionally of one agent")
    @APIResponse(responseCode = "200", description = "A page; nextCursor fetches the next")
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    public PageResponse<InteractionView> list(@QueryParam("agentId") String agentId, @QueryParam("from") String from,
                                              @QueryParam("to") String to, @QueryParam("cursor") String cursor,
                                              @QueryParam("limit") String limit) {
        return PageResponse.of(interactions.list(values.uuid("agentId", agentId), values.range(from, to, true),
                values.cursor(cursor), pageSize(limit)));
    }
}

package com.tokyoia.web.interfaces.rest;

import com.tokyoia.persistence.domain.agent.AgentStatus;
import com.tokyoia.web.application.AgentService;
import com.tokyoia.web.application.Cached;
import com.tokyoia.web.application.Views.AgentView;
import com.tokyoia.web.interfaces.rest.dto.AgentRequest;
import com.tokyoia.web.interfaces.rest.dto.PageResponse;
import com.tokyoia.web.interfaces.rest.idempotency.Idempotent;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = ApiResponses.HOT)
@Path("/agents")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgentResource extends ResourceSupport {
    @Inject
    AgentService agents;

    @RolesAllowed({Roles.INGEST, Roles.ADMIN})
    @POST
    @Idempotent
    @Transactional
    @Parameter(ref = ApiResponses.IDEMPOTENCY_KEY)
    @APIResponse(responseCode = "422", ref = ApiResponses.KEY_REUSED)
    @Operation(operationId = "createAgent", summary = "Register an agent")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = AgentView.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = ApiResponses.CONFLICT)
    @APIResponse(responseCode = "413", ref = ApiResponses.TOO_LARGE)
    public Response create(@RequestBody(content = @Content(mediaType = ApiResponses.JSON,
            examples = @ExampleObject(name = "example", value = RequestExamples.AGENT))) AgentRequest request) {
        AgentRequest body = values.body(request);
        AgentStatus status = values.enumValue("status", body.status(), AgentStatus.class);
        AgentView created = agents.create(body.name(), body.role(), body.model(), status, body.description());
        return created(created.id(), created);
    }

    @RolesAllowed({Roles.INGEST, Roles.ADMIN})
    @PUT
    @Path("/{id}")
    @Operation(operationId = "updateAgent", summary = "Replace an agent's name, role, model, status and description")
    @APIResponse(responseCode = "200", description = "The agent as stored",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = AgentView.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiResponses.CONFLICT)
    @APIResponse(responseCode = "413", ref = ApiResponses.TOO_LARGE)
    public AgentView update(@PathParam("id") String id, @RequestBody(content = @Content(mediaType = ApiResponses.JSON,
            examples = @ExampleObject(name = "example", value = RequestExamples.AGENT))) AgentRequest request) {
        UUID agentId = values.uuid("id", id);
        AgentRequest body = values.body(request);
        AgentStatus status = body.status() == null ? AgentStatus.ACTIVE
                : values.enumValue("status", body.status(), AgentStatus.class);
        return agents.update(agentId, body.name(), body.role(), body.model(), status, body.description());
    }

    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.ADMIN})
    @GET
    @Path("/{id}")
    @Operation(operationId = "getAgent", summary = "Read an agent (X-Cache says whether Redis answered)")
    @APIResponse(responseCode = "200", description = "The agent",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = AgentView.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiResponses.NOT_FOUND)
    public Response get(@PathParam("id") String id) {
        Cached<AgentView> agent = agents.get(values.uuid("id", id));
        return CacheHeader.ok(agent);
    }

    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.ADMIN})
    @GET
    @Operation(operationId = "listAgents", summary = "List agents, optionally in one status, by keyset pages")
    @APIResponse(responseCode = "200", description = "A page; nextCursor fetches the next")
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    public PageResponse<AgentView> list(@QueryParam("status") String status, @QueryParam("cursor") String cursor,
                                        @QueryParam("limit") String limit) {
        return PageResponse.of(agents.list(values.enumValue("status", status, AgentStatus.class),
                values.cursor(cursor), pageSize(limit)));
    }
}

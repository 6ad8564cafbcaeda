package com.tokyoia.web.interfaces.rest;

import com.tokyoia.persistence.domain.workflow.WorkflowStatus;
import com.tokyoia.web.application.Views.WorkflowView;
import com.tokyoia.web.application.WorkflowService;
import com.tokyoia.web.interfaces.rest.dto.PageResponse;
import com.tokyoia.web.interfaces.rest.dto.TransitionRequest;
import com.tokyoia.web.interfaces.rest.dto.WorkflowRequest;
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
@Path("/workflows")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WorkflowResource extends ResourceSupport {
    @Inject
    WorkflowService workflows;

    @RolesAllowed({Roles.INGEST, Roles.ADMIN})
    @POST
    @Idempotent
    @Transactional
    @Parameter(ref = ApiResponses.IDEMPOTENCY_KEY)
    @APIResponse(responseCode = "422", ref = ApiResponses.KEY_REUSED)
    @APIResponse(responseCode = "409", ref = ApiResponses.CONFLICT)
    @Operation(operationId = "createWorkflow", summary = "Start a workflow for an agent")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = WorkflowView.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiResponses.NOT_FOUND)
    @APIResponse(responseCode = "413", ref = ApiResponses.TOO_LARGE)
    public Response create(@RequestBody(content = @Content(mediaType = ApiResponses.JSON,
            examples = @ExampleObject(name = "example", value = RequestExamples.WORKFLOW))) WorkflowRequest request) {
        WorkflowRequest body = values.body(request);
        WorkflowView created = workflows.create(body.name(), values.uuid("agentId", body.agentId()));
        return created(created.id(), created);
    }

    /** Moves the workflow along PENDING -> RUNNING -> COMPLETED | FAILED | CANCELLED (409 otherwise). */
    @RolesAllowed({Roles.INGEST, Roles.ADMIN})
    @POST
    @Path("/{id}/status")
    @Operation(operationId = "transitionWorkflow", summary = "Move a workflow to its next status")
    @APIResponse(responseCode = "200", description = "The workflow in its new status",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = WorkflowView.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiResponses.CONFLICT)
    @APIResponse(responseCode = "413", ref = ApiResponses.TOO_LARGE)
    public WorkflowView transition(@PathParam("id") String id, @RequestBody(content = @Content(mediaType = ApiResponses.JSON,
            examples = @ExampleObject(name = "example", value = RequestExamples.TRANSITION))) TransitionRequest request) {
        var workflowId = values.uuid("id", id);
        TransitionRequest body = values.body(request);
        WorkflowStatus target = values.enumValue("status", body.status(), WorkflowStatus.class);
        return workflows.transition(workflowId, target, body.errorMessage());
    }

    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.ADMIN})
    @GET
    @Path("/{id}")
    @Operation(operationId = "getWorkflow", summary = "Read a workflow (X-Cache says whether Redis answered)")
    @APIResponse(responseCode = "200", description = "The workflow",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = WorkflowView.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiResponses.NOT_FOUND)
    public Response get(@PathParam("id") String id) {
        return CacheHeader.ok(workflows.get(values.uuid("id", id)));
    }

    /** Workflows created in [from, to), optionally in one status, oldest first. */
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.ADMIN})
    @GET
    @Operation(operationId = "listWorkflows", summary = "List workflows created in a time range, oldest first")
    @APIResponse(responseCode = "200", description = "A page; nextCursor fetches the next")
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    public PageResponse<WorkflowView> list(@QueryParam("from") String from, @QueryParam("to") String to,
                                           @QueryParam("status") String status, @QueryParam("cursor") String cursor,
                                           @QueryParam("limit") String limit) {
        return PageResponse.of(workflows.list(values.range(from, to, false),
                values.enumValue("status", status, WorkflowStatus.class), values.cursor(cursor),
                pageSize(limit)));
    }
}

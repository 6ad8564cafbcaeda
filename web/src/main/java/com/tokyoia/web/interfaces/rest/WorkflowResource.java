package com.tokyoia.web.interfaces.rest;

import com.tokyoia.persistence.domain.workflow.WorkflowStatus;
import com.tokyoia.web.application.Views.WorkflowView;
import com.tokyoia.web.application.WorkflowService;
import com.tokyoia.web.interfaces.rest.dto.PageResponse;
import com.tokyoia.web.interfaces.rest.dto.TransitionRequest;
import com.tokyoia.web.interfaces.rest.dto.WorkflowRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/workflows")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WorkflowResource extends ResourceSupport {
    @Inject
    WorkflowService workflows;

    @POST
    public Response create(WorkflowRequest request) {
        WorkflowRequest body = values.body(request);
        WorkflowView created = workflows.create(body.name(), values.uuid("agentId", body.agentId()));
        return created(created.id(), created);
    }

    /** Moves the workflow along PENDING -> RUNNING -> COMPLETED | FAILED | CANCELLED (409 otherwise). */
    @POST
    @Path("/{id}/status")
    public WorkflowView transition(@PathParam("id") String id, TransitionRequest request) {
        var workflowId = values.uuid("id", id);
        TransitionRequest body = values.body(request);
        WorkflowStatus target = values.enumValue("status", body.status(), WorkflowStatus.class);
        return workflows.transition(workflowId, target, body.errorMessage());
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id) {
        return CacheHeader.ok(workflows.get(values.uuid("id", id)));
    }

    /** Workflows created in [from, to), optionally in one status, oldest first. */
    @GET
    public PageResponse<WorkflowView> list(@QueryParam("from") String from, @QueryParam("to") String to,
                                           @QueryParam("status") String status, @QueryParam("cursor") String cursor,
                                           @QueryParam("limit") String limit) {
        return PageResponse.of(workflows.list(values.range(from, to, false),
                values.enumValue("status", status, WorkflowStatus.class), values.cursor(cursor),
                pageSize(limit)));
    }
}

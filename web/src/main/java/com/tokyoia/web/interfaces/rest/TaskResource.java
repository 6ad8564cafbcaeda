package com.tokyoia.web.interfaces.rest;

import com.tokyoia.web.application.TaskService;
import com.tokyoia.web.application.Views.TaskView;
import com.tokyoia.web.interfaces.rest.dto.PageResponse;
import com.tokyoia.web.interfaces.rest.dto.TaskOutcomeRequest;
import com.tokyoia.web.interfaces.rest.dto.TaskRequest;
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

@Path("/tasks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TaskResource extends ResourceSupport {
    @Inject
    TaskService tasks;

    @POST
    public Response create(TaskRequest request) {
        TaskRequest body = values.body(request);
        TaskView created = tasks.create(values.uuid("workflowId", body.workflowId()), values.uuid("agentId", body.agentId()),
                body.taskType());
        return created(created.id(), created);
    }

    @POST
    @Path("/{id}/start")
    public TaskView start(@PathParam("id") String id) {
        return tasks.start(values.uuid("id", id));
    }

    @POST
    @Path("/{id}/complete")
    public TaskView complete(@PathParam("id") String id, TaskOutcomeRequest request) {
        var taskId = values.uuid("id", id);
        return tasks.complete(taskId, values.body(request).toOutcome());
    }

    @POST
    @Path("/{id}/fail")
    public TaskView fail(@PathParam("id") String id, TaskOutcomeRequest request) {
        var taskId = values.uuid("id", id);
        return tasks.fail(taskId, values.body(request).toOutcome());
    }

    @GET
    @Path("/{id}")
    public TaskView get(@PathParam("id") String id) {
        return tasks.get(values.uuid("id", id));
    }

    /** Tasks created in [from, to), by workflow and/or agent, oldest first. */
    @GET
    public PageResponse<TaskView> list(@QueryParam("workflowId") String workflowId, @QueryParam("agentId") String agentId,
                                       @QueryParam("from") String from, @QueryParam("to") String to,
                                       @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return PageResponse.of(tasks.list(values.uuid("workflowId", workflowId), values.uuid("agentId", agentId),
                values.range(from, to, false), values.cursor(cursor), pageSize(limit)));
    }
}

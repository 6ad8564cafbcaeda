package com.tokyoia.web.interfaces.rest;

import com.tokyoia.web.application.TaskService;
import com.tokyoia.web.application.Views.TaskView;
import com.tokyoia.web.interfaces.rest.dto.PageResponse;
import com.tokyoia.web.interfaces.rest.dto.TaskOutcomeRequest;
import com.tokyoia.web.interfaces.rest.dto.TaskRequest;
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
@Path("/tasks")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TaskResource extends ResourceSupport {
    @Inject
    TaskService tasks;

    @RolesAllowed({Roles.INGEST, Roles.ADMIN})
    @POST
    @Idempotent
    @Transactional
    @Parameter(ref = ApiResponses.IDEMPOTENCY_KEY)
    @APIResponse(responseCode = "422", ref = ApiResponses.KEY_REUSED)
    @Operation(operationId = "createTask", summary = "Create a task in a workflow")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiResponses.CONFLICT)
    @APIResponse(responseCode = "413", ref = ApiResponses.TOO_LARGE)
    public Response create(@RequestBody(content = @Content(mediaType = ApiResponses.JSON,
            examples = @ExampleObject(name = "example", value = RequestExamples.TASK))) TaskRequest request) {
        TaskRequest body = values.body(request);
        TaskView created = tasks.create(values.uuid("workflowId", body.workflowId()), values.uuid("agentId", body.agentId()),
                body.taskType());
        return created(created.id(), created);
    }

    @RolesAllowed({Roles.INGEST, Roles.ADMIN})
    @POST
    @Path("/{id}/start")
    @Operation(operationId = "startTask", summary = "Mark a task running")
    @APIResponse(responseCode = "200", description = "The task, running",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiResponses.CONFLICT)
    public TaskView start(@PathParam("id") String id) {
        return tasks.start(values.uuid("id", id));
    }

    @RolesAllowed({Roles.INGEST, Roles.ADMIN})
    @POST
    @Path("/{id}/complete")
    @Operation(operationId = "completeTask", summary = "Complete a task with its tokens, cost and latency")
    @APIResponse(responseCode = "200", description = "The task, completed",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiResponses.CONFLICT)
    @APIResponse(responseCode = "413", ref = ApiResponses.TOO_LARGE)
    public TaskView complete(@PathParam("id") String id, @RequestBody(content = @Content(mediaType = ApiResponses.JSON,
            examples = @ExampleObject(name = "example", value = RequestExamples.TASK_OUTCOME))) TaskOutcomeRequest request) {
        var taskId = values.uuid("id", id);
        return tasks.complete(taskId, values.body(request).toOutcome());
    }

    @RolesAllowed({Roles.INGEST, Roles.ADMIN})
    @POST
    @Path("/{id}/fail")
    @Operation(operationId = "failTask", summary = "Fail a task with its error")
    @APIResponse(responseCode = "200", description = "The task, failed",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiResponses.CONFLICT)
    @APIResponse(responseCode = "413", ref = ApiResponses.TOO_LARGE)
    public TaskView fail(@PathParam("id") String id, @RequestBody(content = @Content(mediaType = ApiResponses.JSON,
            examples = @ExampleObject(name = "example", value = RequestExamples.TASK_OUTCOME))) TaskOutcomeRequest request) {
        var taskId = values.uuid("id", id);
        return tasks.fail(taskId, values.body(request).toOutcome());
    }

    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.ADMIN})
    @GET
    @Path("/{id}")
    @Operation(operationId = "getTask", summary = "Read a task")
    @APIResponse(responseCode = "200", description = "The task",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiResponses.NOT_FOUND)
    public TaskView get(@PathParam("id") String id) {
        return tasks.get(values.uuid("id", id));
    }

    /** Tasks created in [from, to), by workflow and/or agent, oldest first. */
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.ADMIN})
    @GET
    @Operation(operationId = "listTasks", summary = "List tasks created in a time range, by workflow and/or agent")
    @APIResponse(responseCode = "200", description = "A page; nextCursor fetches the next")
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    public PageResponse<TaskView> list(@QueryParam("workflowId") String workflowId, @QueryParam("agentId") String agentId,
                                       @QueryParam("from") String from, @QueryParam("to") String to,
                                       @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return PageResponse.of(tasks.list(values.uuid("workflowId", workflowId), values.uuid("agentId", agentId),
                values.range(from, to, false), values.cursor(cursor), pageSize(limit)));
    }
}

package com.tokyoia.web.interfaces.rest;

import com.tokyoia.persistence.domain.agent.AgentStatus;
import com.tokyoia.web.application.AgentService;
import com.tokyoia.web.application.Cached;
import com.tokyoia.web.application.Views.AgentView;
import com.tokyoia.web.interfaces.rest.dto.AgentRequest;
import com.tokyoia.web.interfaces.rest.dto.PageResponse;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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

@Path("/agents")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgentResource extends ResourceSupport {
    @Inject
    AgentService agents;

    @POST
    public Response create(AgentRequest request) {
        AgentRequest body = values.body(request);
        AgentStatus status = values.enumValue("status", body.status(), AgentStatus.class);
        AgentView created = agents.create(body.name(), body.role(), body.model(), status, body.description());
        return created(created.id(), created);
    }

    @PUT
    @Path("/{id}")
    public AgentView update(@PathParam("id") String id, AgentRequest request) {
        UUID agentId = values.uuid("id", id);
        AgentRequest body = values.body(request);
        AgentStatus status = body.status() == null ? AgentStatus.ACTIVE
                : values.enumValue("status", body.status(), AgentStatus.class);
        return agents.update(agentId, body.name(), body.role(), body.model(), status, body.description());
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id) {
        Cached<AgentView> agent = agents.get(values.uuid("id", id));
        return CacheHeader.ok(agent);
    }

    @GET
    public PageResponse<AgentView> list(@QueryParam("status") String status, @QueryParam("cursor") String cursor,
                                        @QueryParam("limit") String limit) {
        return PageResponse.of(agents.list(values.enumValue("status", status, AgentStatus.class),
                values.cursor(cursor), pageSize(limit)));
    }
}

package com.tokyoia.web.interfaces.rest;

import com.tokyoia.web.application.SessionService;
import com.tokyoia.web.application.Views.SessionView;
import com.tokyoia.web.interfaces.rest.dto.PageResponse;
import com.tokyoia.web.interfaces.rest.dto.SessionRequest;
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

@Path("/sessions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SessionResource extends ResourceSupport {
    @Inject
    SessionService sessions;

    @POST
    public Response start(SessionRequest request) {
        SessionRequest body = values.body(request);
        SessionView started = sessions.start(body.userId(), body.client());
        return created(started.id(), started);
    }

    @POST
    @Path("/{id}/heartbeat")
    public SessionView heartbeat(@PathParam("id") String id) {
        return sessions.heartbeat(values.uuid("id", id));
    }

    @POST
    @Path("/{id}/end")
    public SessionView end(@PathParam("id") String id) {
        return sessions.end(values.uuid("id", id));
    }

    @GET
    @Path("/{id}")
    public SessionView get(@PathParam("id") String id) {
        return sessions.get(values.uuid("id", id));
    }

    /** Active sessions: not ended, heartbeat within the idle timeout; optionally of one user. */
    @GET
    @Path("/active")
    public PageResponse<SessionView> active(@QueryParam("userId") String userId, @QueryParam("cursor") String cursor,
                                            @QueryParam("limit") String limit) {
        return PageResponse.of(sessions.listActive(values.text("userId", userId, 200), values.cursor(cursor),
                pageSize(limit)));
    }
}

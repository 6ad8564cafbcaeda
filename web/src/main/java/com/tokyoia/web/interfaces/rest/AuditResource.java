package com.tokyoia.web.interfaces.rest;

import com.tokyoia.web.application.AuditLogQueries;
import com.tokyoia.web.application.Views.AuditEntryView;
import com.tokyoia.web.interfaces.rest.dto.PageResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit trail (admin actions, refused calls, budget overrides, API-started jobs), for admins only. */
@Tag(name = ApiResponses.AUDIT)
@Path("/audit")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource extends ResourceSupport {
    private static final int MAX_FILTER = 200;

    @Inject
    AuditLogQueries auditLog;

    /** Entries in [from, to), optionally by actor, action and what they touched, oldest first. */
    @RolesAllowed(Roles.ADMIN)
    @GET
    @Operation(operationId = "listAuditEntries",
            summary = "List audit entries in a time range, by actor, action, entity type and entity id",
            description = "Actions are for example access.refused (401 or 403: who, which call, from which address), "
                    + "analytics.budget-override, etl.backfill, agent.create; every filter matches exactly.")
    @APIResponse(responseCode = "200", description = "A page; nextCursor fetches the next")
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    public PageResponse<AuditEntryView> list(@QueryParam("from") String from, @QueryParam("to") String to,
                                             @QueryParam("actor") String actor, @QueryParam("action") String action,
                                             @QueryParam("entityType") String entityType, @QueryParam("entityId") String entityId,
                                             @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return PageResponse.of(auditLog.list(values.range(from, to, false), values.text("actor", actor, MAX_FILTER),
                values.text("action", action, MAX_FILTER), values.text("entityType", entityType, MAX_FILTER),
                values.text("entityId", entityId, MAX_FILTER), values.cursor(cursor), pageSize(limit)));
    }
}

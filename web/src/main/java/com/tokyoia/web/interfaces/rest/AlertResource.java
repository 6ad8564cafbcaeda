package com.tokyoia.web.interfaces.rest;

import com.tokyoia.etl.application.alerting.AlertKind;
import com.tokyoia.etl.application.alerting.AlertOperations;
import com.tokyoia.web.application.InvalidInputException;
import com.tokyoia.web.interfaces.rest.dto.AlertCheckView;
import com.tokyoia.web.interfaces.rest.dto.IncidentView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Alert incidents (open first, then the latest cleared) and an on-demand check of the periodic
 * alerts, which the timers otherwise run hourly (cost spike) and daily (partition lag, storage quota).
 */
@Tag(name = ApiResponses.OPERATIONS)
@Path("/alerts")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {
    @Inject
    AlertOperations alerts;
    @Inject
    RequestValues values;

    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.ADMIN})
    @GET
    @Path("/incidents")
    @Operation(operationId = "listIncidents", summary = "Alert incidents, open first, then the latest cleared")
    @APIResponse(responseCode = "200", description = "The incidents",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = IncidentView.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    public List<IncidentView> incidents(@QueryParam("limit") String limit) {
        Integer n = values.integer("limit", limit);
        if (n != null && (n < 1 || n > 500)) {
            throw new InvalidInputException("limit", "limit must be between 1 and 500");
        }
        return alerts.incidents(n == null ? 50 : n).stream().map(IncidentView::of).toList();
    }

    /** Checks the named periodic alerts now (default all): opens and clears incidents exactly as the timers would. */
    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("/check")
    @Operation(operationId = "checkAlerts", summary = "Check the periodic alerts now, opening and clearing incidents as the timers would")
    @APIResponse(responseCode = "200", description = "What was checked, what holds, opened and cleared",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = AlertCheckView.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    public AlertCheckView check(@QueryParam("alert") List<String> names) {
        Set<AlertKind> kinds = EnumSet.noneOf(AlertKind.class);
        for (String name : names == null ? List.<String>of() : names) {
            AlertKind kind = parse(name);
            if (!AlertOperations.PERIODIC.contains(kind)) {
                throw new InvalidInputException("alert", "'" + name + "' is not checked periodically: it opens the moment a step fails");
            }
            kinds.add(kind);
        }
        return AlertCheckView.of(alerts.check(kinds.isEmpty() ? AlertOperations.PERIODIC : kinds));
    }

    private static AlertKind parse(String name) {
        try {
            return AlertKind.parse(name);
        } catch (IllegalArgumentException e) {
            List<String> known = new ArrayList<>();
            AlertOperations.PERIODIC.forEach(kind -> known.add(kind.spelling()));
            throw new InvalidInputException("alert", "unknown alert '" + name + "'; one of " + known);
        }
    }
}

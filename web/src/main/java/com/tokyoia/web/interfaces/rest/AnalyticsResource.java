package com.tokyoia.web.interfaces.rest;

import com.tokyoia.analytics.application.AnalyticsBean;
import com.tokyoia.analytics.application.AnalyticsResult;
import com.tokyoia.analytics.application.AnalyticsService;
import com.tokyoia.analytics.application.port.QueryLog;
import com.tokyoia.analytics.domain.AnalyticsRequest;
import com.tokyoia.analytics.domain.DayPlan;
import com.tokyoia.web.application.AuditTrail;
import com.tokyoia.web.application.InvalidInputException;
import com.tokyoia.web.application.RoleRequiredException;
import com.tokyoia.web.application.Spenders;
import com.tokyoia.web.interfaces.rest.dto.AnalyticsQuote;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Named analytics over any time range: rows plus where each day was answered, what the cold part
 * was quoted and cost, and whether the cache answered. Users pick a query by name; never SQL.
 */
@Tag(name = ApiResponses.ANALYTICS)
@Path("/")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class AnalyticsResource {
    @Inject
    AnalyticsBean analytics;
    @Inject
    RequestValues values;
    @Inject
    AuditTrail audit;
    @Inject
    Spenders spenders;
    @Context
    UriInfo uri;
    @Context
    SecurityContext security;

    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.ADMIN})
    @GET
    @Path("analytics")
    @Operation(operationId = "listAnalyticsQueries", summary = "The catalog of named questions with their parameters")
    @APIResponse(responseCode = "200", description = "The catalog")
    public List<Map<String, Object>> catalog() {
        return analytics.catalog();
    }

    @RateLimited
    @APIResponse(responseCode = "429", ref = ApiResponses.TOO_MANY)
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.ADMIN})
    @GET
    @Path("analytics/{name}")
    @Operation(operationId = "runAnalyticsQuery", summary = "Answer a named question over a range, hot days from PostgreSQL and cold ones from the lake")
    @APIResponse(responseCode = "200", description = "Rows and their provenance",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = AnalyticsResult.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiResponses.ARCHIVED)
    @APIResponse(responseCode = "422", ref = ApiResponses.OVER_LIMIT)
    @APIResponse(responseCode = "502", ref = ApiResponses.ENGINE_FAILED)
    public AnalyticsResult run(@PathParam("name") String name) throws SQLException {
        Map<String, String> parameters = parameters();
        boolean override = override(parameters);
        AnalyticsRequest request = analytics.validate(name, parameters);
        if (override && !security.isUserInRole(Roles.ADMIN)) {
            throw new RoleRequiredException("override=true spends over the per-query limit or the daily budget: only an admin may");
        }
        if (!security.isUserInRole(Roles.ANALYST) && !security.isUserInRole(Roles.ADMIN)) {
            int cold = analytics.quote(request).plan().coldDays().size();
            if (cold > 0) {
                throw new RoleRequiredException("this answer needs a scan of " + cold + " day(s) in the lake, which costs money: "
                        + "a user with the analyst role can run it (a viewer gets the answers PostgreSQL alone gives)");
            }
        }
        AnalyticsResult result = analytics.run(request, override, spenders.of(security));
        if (override) {
            // Spending past the limits is an admin's decision on the record, cache hit or not.
            audit.record("analytics.budget-override", "analytics-query", name, "from " + result.from() + " to " + result.to()
                    + ", engine " + result.engine() + ", quoted USD " + result.quotedUsd() + ", cost USD " + result.costUsd()
                    + (result.cacheHit() ? " (cached answer)" : ""));
        }
        return result;
    }

    /** The quote of the cold part and the day plan, without running anything. */
    @RolesAllowed({Roles.ANALYST, Roles.ADMIN})
    @GET
    @Path("analytics/{name}/quote")
    @Operation(operationId = "quoteAnalyticsQuery", summary = "The day plan and the cold scan's price, without running anything")
    @APIResponse(responseCode = "200", description = "The quote",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = AnalyticsQuote.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiResponses.NOT_FOUND)
    public AnalyticsQuote quote(@PathParam("name") String name) throws SQLException {
        Map<String, String> parameters = parameters();
        override(parameters);
        AnalyticsRequest request = analytics.validate(name, parameters);
        AnalyticsService.Quote quote = analytics.quote(request);
        DayPlan plan = quote.plan();
        return new AnalyticsQuote(request.query().name(), plan.hotDays(), plan.coldDays().stream().map(DayPlan.ColdDay::day).toList(),
                plan.missingDays(), plan.archivedDays(), quote.cost().bytes(), quote.cost().usd(),
                request.query().columnsRead(request.filters().keySet()), plan.damagedDays().stream().map(DayPlan.DamagedDay::day).toList());
    }

    /** Cost per day and per query (from the query log), default the last 30 days. */
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.ADMIN})
    @GET
    @Path("costs")
    @Operation(operationId = "listCosts", summary = "Cold-scan cost per day and per query, from the query log")
    @APIResponse(responseCode = "200", description = "One entry per day and query")
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    public List<Map<String, Object>> costs(@QueryParam("from") String from, @QueryParam("to") String to) throws SQLException {
        Days days = costDays(from, to);
        return analytics.costs(days.from(), days.to());
    }

    /** Who spent what: questions, cache hits, cold scans, bytes and USD per user, the most expensive first. */
    @RolesAllowed(Roles.ADMIN)
    @GET
    @Path("costs/by-user")
    @Operation(operationId = "listCostsByUser", summary = "Cold-scan cost per user who asked, from the query log (admins)")
    @APIResponse(responseCode = "200", description = "One entry per user, the most expensive first")
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    public List<Map<String, Object>> costsByUser(@QueryParam("from") String from, @QueryParam("to") String to) throws SQLException {
        Days days = costDays(from, to);
        return analytics.costsBy(QueryLog.Payer.USER, days.from(), days.to());
    }

    /** What each budget group spent: questions, cache hits, cold scans, bytes and USD, the most expensive first. */
    @RolesAllowed(Roles.ADMIN)
    @GET
    @Path("costs/by-group")
    @Operation(operationId = "listCostsByGroup", summary = "Cold-scan cost per budget group of the users who asked, from the query log (admins)")
    @APIResponse(responseCode = "200", description = "One entry per group, the most expensive first")
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    public List<Map<String, Object>> costsByGroup(@QueryParam("from") String from, @QueryParam("to") String to) throws SQLException {
        Days days = costDays(from, to);
        return analytics.costsBy(QueryLog.Payer.GROUP, days.from(), days.to());
    }

    /** Today's (UTC) analytics budget: what cold scans spent of it and what is left before queries are refused. */
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.ADMIN})
    @GET
    @Path("costs/budget")
    @Operation(operationId = "getBudget", summary = "Today's analytics budget: spent on cold scans and left")
    @APIResponse(responseCode = "200", description = "The budget",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = AnalyticsService.Budget.class)))
    public AnalyticsService.Budget budget() throws SQLException {
        return analytics.budget();
    }

    private Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((key, list) -> {
            if (list.size() != 1) {
                throw new InvalidInputException(key, "must be given once");
            }
            parameters.put(key, list.get(0));
        });
        return parameters;
    }

    private record Days(LocalDate from, LocalDate to) {
    }

    /** The days of a cost listing, [from, to): by default the last 30 days and today. */
    private Days costDays(String from, String to) {
        LocalDate today = analytics.today();
        LocalDate start = values.date("from", from, today.minusDays(30));
        LocalDate end = values.date("to", to, today.plusDays(1));
        if (!start.isBefore(end)) {
            throw new InvalidInputException("to", "must be after 'from'");
        }
        return new Days(start, end);
    }

    private static boolean override(Map<String, String> parameters) {
        String value = parameters.get("override");
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new InvalidInputException("override", "must be true or false");
    }
}

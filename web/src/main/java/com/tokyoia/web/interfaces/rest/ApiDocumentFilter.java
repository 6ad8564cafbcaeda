package com.tokyoia.web.interfaces.rest;

import com.tokyoia.analytics.domain.AnalyticsQuery;
import com.tokyoia.analytics.domain.Filter;
import com.tokyoia.analytics.domain.QueryCatalog;
import com.tokyoia.etl.application.alerting.AlertOperations;
import com.tokyoia.lake.domain.lifecycle.RestoreTier;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import com.tokyoia.persistence.domain.agent.AgentStatus;
import com.tokyoia.persistence.domain.workflow.WorkflowStatus;
import com.tokyoia.web.interfaces.rest.dto.MetricBatchRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * What the annotations cannot say once for all operations. Every operation gets the answers any of
 * them can give (503 without PostgreSQL, 500 with a reference), and every one that takes a body
 * the 415 of a body that is not JSON. Parameters, which the resources
 * take as text and check themselves, get their formats and limits by name (ids are UUIDs, ranges
 * are dates for the lake and analytics and instants for hot data, tables and statuses from their
 * enums). The analytics questions' own parameters come from the query catalog.
 */
public class ApiDocumentFilter implements OASFilter {
    private static final String API = "/api";
    private static final Set<String> VIEW_IDS = Set.of("id", "agentId", "workflowId", "fromAgentId", "toAgentId");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
            openAPI.getComponents().getSchemas().forEach(ApiDocumentFilter::viewIds);
        }
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            if (operation.getParameters() != null) {
                operation.getParameters().forEach(parameter -> describe(path, parameter));
            }
            if (path.startsWith(API + "/analytics/{name}")) {
                analyticsParameters(operation);
            }
            if (path.equals(API + "/analytics/{name}")) {
                operation.setDescription(resultColumns(operation.getDescription()));
                pagingParameters(operation);
            }
        }));
    }

    @Override
    public Operation filterOperation(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        // Every operation is behind the realm (web.xml) and admits only some roles (@RolesAllowed).
        if (!responses.hasAPIResponse("401")) {
            responses.addAPIResponse("401", OASFactory.createAPIResponse().ref(ApiResponses.UNAUTHORIZED));
        }
        if (!responses.hasAPIResponse("403")) {
            responses.addAPIResponse("403", OASFactory.createAPIResponse().ref(ApiResponses.FORBIDDEN));
        }
        if (operation.getRequestBody() != null && !responses.hasAPIResponse("415")) {
            responses.addAPIResponse("415", OASFactory.createAPIResponse().ref(ApiResponses.UNSUPPORTED_MEDIA_TYPE));
        }
        if (!responses.hasAPIResponse("503")) {
            responses.addAPIResponse("503", OASFactory.createAPIResponse().ref(ApiResponses.UNAVAILABLE));
        }
        if (!responses.hasAPIResponse("500")) {
            responses.addAPIResponse("500", OASFactory.createAPIResponse().ref(ApiResponses.UNEXPECTED));
        }
        return operation;
    }

    /**
     * The hot data's views carry their ids as text (they are cached as JSON as they are); the
     * document says they are UUIDs, so that clients get typed ids and the contract checks them.
     */
    private static void viewIds(String name, Schema schema) {
        if (!name.endsWith("View") || schema.getProperties() == null) {
            return;
        }
        schema.getProperties().forEach((property, value) -> {
            if (VIEW_IDS.contains(property) && value.getType() != null && value.getType().contains(Schema.SchemaType.STRING)) {
                value.setFormat("uuid");
            }
        });
    }

    private static void describe(String path, Parameter parameter) {
        boolean lake = path.startsWith(API + "/etl") || path.startsWith(API + "/analytics") || path.startsWith(API + "/costs");
        switch (parameter.getName()) {
            case "id" -> {
                if (path.startsWith(API + "/etl/runs")) {
                    set(parameter, integer(1, null), "The job execution's id");
                } else {
                    set(parameter, uuid(), "The resource's id");
                }
            }
            case "agentId" -> set(parameter, uuid(), "Only this agent's");
            case "workflowId" -> set(parameter, uuid(), "Only this workflow's");
            case "from" -> set(parameter, lake ? date() : instant(), lake ? "First day (UTC), inclusive"
                    : "Start, inclusive (ISO-8601 instant or YYYY-MM-DD, UTC)");
            case "to" -> set(parameter, lake ? date() : instant(), lake ? "Last day (UTC): inclusive for the lake, exclusive for costs"
                    : "End, exclusive (ISO-8601 instant or YYYY-MM-DD, UTC)");
            case "day" -> set(parameter, date(), "The day (UTC)");
            case "table" -> set(parameter, text(null).enumeration(new ArrayList<>(tableNames())), "A lake table");
            case "tables" -> set(parameter, text(null), "Comma-separated lake tables (default all): " + String.join(", ", tableNames()));
            case "limit" -> set(parameter, integer(1, null), "Items per page, from 1 to the configured maximum (tokyoia.api.max-page-size, "
                    + "500 by default; 500 for runs and incidents)");
            case "cursor" -> set(parameter, text(null), "The nextCursor of the previous page; absent for the first");
            case "status" -> set(parameter, text(null).enumeration(new ArrayList<>(names(path.startsWith(API + "/agents")
                    ? AgentStatus.values() : WorkflowStatus.values()))), "Only those in this status");
            case "days" -> set(parameter, integer(1, 3660), "How many days back from today");
            case "tier" -> set(parameter, text(null).enumeration(new ArrayList<>(names(RestoreTier.values()))),
                    "How fast the archive restores (and its price); BULK by default");
            case "alert" -> set(parameter, OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(text(null)
                    .enumeration(new ArrayList<>(AlertOperations.PERIODIC.stream().map(k -> (Object) k.spelling()).toList()))),
                    "Which periodic alerts to check (repeat the parameter; default all)");
            case "userId" -> set(parameter, text(200), "Only this user's");
            case "name" -> {
                if (path.startsWith(API + "/analytics")) {
                    set(parameter, text(null).enumeration(new ArrayList<>(QueryCatalog.all().stream().map(q -> (Object) q.name()).toList())),
                            "A question of the catalog (GET /api/analytics)");
                } else {
                    set(parameter, text(null).pattern(MetricBatchRequest.NAME), "Only this metric");
                }
            }
            default -> {
                // Documented by its resource.
            }
        }
    }

    /**
     * The analytics operations read their parameters themselves: the range, the override, and each
     * question's filters. Every filter is listed once with the questions that take it.
     */
    private static void analyticsParameters(Operation operation) {
        operation.addParameter(query("from", date(), "First day (UTC), inclusive", true));
        operation.addParameter(query("to", date(), "Last day (UTC), exclusive", true));
        operation.addParameter(query("override", OASFactory.createSchema().addType(Schema.SchemaType.BOOLEAN),
                "true: run a cold scan over the per-query limit or the daily budget", false));
        Map<String, List<String>> takenBy = new LinkedHashMap<>();
        Map<String, Filter.Kind> kinds = new LinkedHashMap<>();
        for (AnalyticsQuery question : QueryCatalog.all()) {
            for (Filter filter : question.filters()) {
                takenBy.computeIfAbsent(filter.name(), f -> new ArrayList<>()).add(question.name());
                kinds.put(filter.name(), filter.kind());
            }
        }
        takenBy.forEach((name, questions) -> operation.addParameter(query(name, kinds.get(name) == Filter.Kind.UUID ? uuid()
                : text(Filter.TOKEN_MAX_LENGTH).pattern(Filter.TOKEN_PATTERN), "Only matching rows; taken by " + String.join(", ", questions), false)));
    }

    /** An answer's page: the quote has none, it prices the whole answer. */
    private static void pagingParameters(Operation operation) {
        operation.addParameter(query("limit", integer(1, null), "Rows per page, from 1 to tokyoia.analytics.max-page-rows "
                + "(10000 by default); tokyoia.analytics.page-rows (1000) when absent", false));
        operation.addParameter(query("cursor", text(null), "The nextCursor of the previous page of the same question, range, "
                + "filters and top; absent for the first", false));
        operation.addParameter(query("top", text(null), "A measure of the question's answer: rows come by it, largest first "
                + "(by default by day, then the dimensions, ascending)", false));
    }

    /** Each question's answer columns (rows carry them in this order; numbers are decimals), from the catalog itself. */
    private static String resultColumns(String description) {
        StringBuilder text = new StringBuilder(description == null ? "" : description + "\n\n");
        text.append("Each row of `rows` has the columns of its question (dates as YYYY-MM-DD, ids as text, measures as numbers; ")
                .append("a rate or average is null where its denominator is 0):\n");
        for (AnalyticsQuery question : QueryCatalog.all()) {
            text.append("\n- `").append(question.name()).append("`: ").append(String.join(", ", question.resultColumns()));
        }
        return text.toString();
    }

    private static Parameter query(String name, Schema schema, String description, boolean required) {
        return OASFactory.createParameter().name(name).in(Parameter.In.QUERY).required(required).schema(schema).description(description);
    }

    private static void set(Parameter parameter, Schema schema, String description) {
        parameter.setSchema(schema);
        if (parameter.getDescription() == null) {
            parameter.setDescription(description);
        }
    }

    private static List<String> tableNames() {
        return LakeSchemaRegistry.tables().stream().map(LakeTable::name).toList();
    }

    private static List<Object> names(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> (Object) v.name()).toList();
    }

    private static Schema text(Integer maxLength) {
        Schema schema = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        return maxLength == null ? schema : schema.maxLength(maxLength);
    }

    private static Schema uuid() {
        return text(null).format("uuid");
    }

    private static Schema date() {
        return text(null).format("date");
    }

    private static Schema instant() {
        return text(null).format("date-time");
    }

    private static Schema integer(Integer minimum, Integer maximum) {
        Schema schema = OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32");
        if (minimum != null) {
            schema.minimum(BigDecimal.valueOf(minimum));
        }
        if (maximum != null) {
            schema.maximum(BigDecimal.valueOf(maximum));
        }
        return schema;
    }
}

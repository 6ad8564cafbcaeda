package com.tokyoia.web.interfaces.rest;

import com.tokyoia.persistence.domain.metric.MetricPoint;
import com.tokyoia.web.application.MetricService;
import com.tokyoia.web.application.Views.MetricView;
import com.tokyoia.web.interfaces.rest.dto.IngestResponse;
import com.tokyoia.web.interfaces.rest.dto.MetricBatchRequest;
import com.tokyoia.web.interfaces.rest.dto.PageResponse;
import com.tokyoia.web.interfaces.rest.idempotency.Idempotent;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = ApiResponses.HOT)
@Path("/metrics")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MetricResource extends ResourceSupport {
    private static final Pattern METRIC_NAME = Pattern.compile(MetricBatchRequest.NAME);

    @Inject
    MetricService metrics;

    /** Ingests a batch of points atomically: 202 with the count, or an error and nothing stored. */
    @RolesAllowed({Roles.INGEST, Roles.ADMIN})
    @POST
    @Idempotent
    @Transactional
    @Parameter(ref = ApiResponses.IDEMPOTENCY_KEY)
    @APIResponse(responseCode = "422", ref = ApiResponses.KEY_REUSED)
    @Operation(operationId = "ingestMetrics", summary = "Ingest a batch of metric points, all or none")
    @APIResponse(responseCode = "202", description = "Accepted: every point stored",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = IngestResponse.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiResponses.CONFLICT)
    @APIResponse(responseCode = "413", ref = ApiResponses.TOO_LARGE)
    public Response ingest(@RequestBody(content = @Content(mediaType = ApiResponses.JSON,
            examples = @ExampleObject(name = "example", value = RequestExamples.METRICS))) MetricBatchRequest request) {
        checkBatchSize(request == null ? null : request.points(), "metric");
        MetricBatchRequest body = values.body(request);
        Instant now = clock.instant();
        List<MetricPoint> points = each(body.points(), "points", (at, p) -> {
            limits.checkEventTime(at + "recordedAt", p.recordedAt(), now);
            return new MetricPoint(values.uuid(at + "agentId", p.agentId()), p.name(), p.value(), p.unit(), p.recordedAt());
        });
        return Response.accepted(new IngestResponse(metrics.ingest(points))).build();
    }

    /** Points recorded in [from, to) (both required), by agent and/or metric name, oldest first. */
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.ADMIN})
    @GET
    @Operation(operationId = "listMetrics", summary = "List metric points recorded in a time range")
    @APIResponse(responseCode = "200", description = "A page; nextCursor fetches the next")
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    public PageResponse<MetricView> list(@QueryParam("agentId") String agentId, @QueryParam("name") String name,
                                         @QueryParam("from") String from, @QueryParam("to") String to,
                                         @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return PageResponse.of(metrics.list(values.uuid("agentId", agentId),
                values.token("name", name, METRIC_NAME, "a metric name (letters, digits and _ . : -)"), values.range(from, to, true),
                values.cursor(cursor), pageSize(limit)));
    }
}

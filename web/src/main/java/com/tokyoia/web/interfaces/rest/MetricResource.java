package com.tokyoia.web.interfaces.rest;

import com.tokyoia.persistence.domain.metric.MetricPoint;
import com.tokyoia.web.application.ApiLimits;
import com.tokyoia.web.application.MetricService;
import com.tokyoia.web.application.Views.MetricView;
import com.tokyoia.web.interfaces.rest.dto.IngestResponse;
import com.tokyoia.web.interfaces.rest.dto.MetricBatchRequest;
import com.tokyoia.web.interfaces.rest.dto.PageResponse;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@Path("/metrics")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MetricResource {
    @Inject
    MetricService metrics;
    @Inject
    RequestValues values;
    @Inject
    ApiLimits limits;
    @Inject
    Clock clock;

    /** Ingests a batch of points atomically: 202 with the count, or an error and nothing stored. */
    @POST
    public Response ingest(MetricBatchRequest request) {
        if (request != null && request.points() != null) {
            limits.checkBatchSize(request.points().size(), "metric");
        }
        MetricBatchRequest body = values.body(request);
        Instant now = clock.instant();
        List<MetricPoint> points = new ArrayList<>(body.points().size());
        for (int i = 0; i < body.points().size(); i++) {
            MetricBatchRequest.Point p = body.points().get(i);
            limits.checkEventTime("points[" + i + "].recordedAt", p.recordedAt(), now);
            points.add(new MetricPoint(values.uuid("points[" + i + "].agentId", p.agentId()), p.name(), p.value(), p.unit(), p.recordedAt()));
        }
        return Response.accepted(new IngestResponse(metrics.ingest(points))).build();
    }

    /** Points recorded in [from, to) (both required), by agent and/or metric name, oldest first. */
    @GET
    public PageResponse<MetricView> list(@QueryParam("agentId") String agentId, @QueryParam("name") String name,
                                         @QueryParam("from") String from, @QueryParam("to") String to,
                                         @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return PageResponse.of(metrics.list(values.uuid("agentId", agentId), name, values.range(from, to, true),
                values.cursor(cursor), limits.pageSize(values.integer("limit", limit))));
    }
}

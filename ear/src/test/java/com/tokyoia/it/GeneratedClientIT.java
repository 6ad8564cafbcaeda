package com.tokyoia.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.tokyoia.client.ApiClient;
import com.tokyoia.client.ApiException;
import com.tokyoia.client.api.AnalyticsApi;
import com.tokyoia.client.api.HotDataApi;
import com.tokyoia.client.model.AgentRequest;
import com.tokyoia.client.model.AgentView;
import com.tokyoia.client.model.AnalyticsQuote;
import com.tokyoia.client.model.AnalyticsResult;
import com.tokyoia.client.model.IngestResponse;
import com.tokyoia.client.model.MetricBatchRequest;
import com.tokyoia.client.model.PageResponseAgentView;
import com.tokyoia.client.model.Point;
import com.tokyoia.client.model.Problem;
import com.tokyoia.client.model.TaskRequest;
import com.tokyoia.client.model.TaskView;
import com.tokyoia.client.model.WorkflowRequest;
import com.tokyoia.client.model.WorkflowView;
import com.tokyoia.platform.time.SystemTime;
import com.tokyoia.testing.Http;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Java client OpenAPI Generator makes from the build-written document (module api-client,
 * nothing hand-written) against the deployed server, as an agent's author would use it: create an
 * agent and a workflow, start a task, ingest a metric batch, page through agents, quote and run an
 * analytics question, and read a problem+json error as a typed Problem.
 */
@ExtendWith(ArquillianExtension.class)
class GeneratedClientIT {
    // HTTP/1.1 like the tests' own client: the JDK client's h2c upgrade of a POST can stall against Undertow.
    private final ApiClient client = new ApiClient(ApiClient.createDefaultHttpClientBuilder().version(HttpClient.Version.HTTP_1_1),
            ApiClient.createDefaultObjectMapper(), Http.APP)
            .setRequestInterceptor(request -> request.header("Authorization", Http.User.ADMIN.authorization()));
    private final HotDataApi hot = new HotDataApi(client);
    private final AnalyticsApi analytics = new AnalyticsApi(client);

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.builtEar();
    }

    @Test
    void anAgentsAuthorCanWorkWithTheGeneratedClient() throws Exception {
        String name = "generated-client-" + UUID.randomUUID();
        AgentView agent = hot.createAgent(new AgentRequest().name(name).role("planner").model("gpt-x"), null);
        assertThat(agent.getName()).isEqualTo(name);
        assertThat(hot.getAgent(agent.getId()).getName()).isEqualTo(name);

        WorkflowView workflow = hot.createWorkflow(new WorkflowRequest().name(name + "-wf").agentId(agent.getId()), null);
        // A client retrying after a timeout sends the same Idempotency-Key: one task (the throughput below counts 1).
        TaskRequest taskRequest = new TaskRequest().workflowId(workflow.getId()).agentId(agent.getId()).taskType("summarize");
        String taskKey = UUID.randomUUID().toString();
        TaskView task = hot.createTask(taskRequest, taskKey);
        assertThat(hot.createTask(taskRequest, taskKey).getId()).isEqualTo(task.getId());
        assertThat(task.getWorkflowId()).isEqualTo(workflow.getId());

        OffsetDateTime now = OffsetDateTime.now(SystemTime.clock().withZone(ZoneOffset.UTC));
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            points.add(new Point().agentId(agent.getId()).name("latency").value(10.0 + i).unit("ms").recordedAt(now.minusSeconds(i)));
        }
        IngestResponse ingested = hot.ingestMetrics(new MetricBatchRequest().points(points), null);
        assertThat(ingested.getAccepted()).isEqualTo(25);

        assertThat(pagedAgentNames(5)).contains(name).doesNotHaveDuplicates();

        // The task's own day (the server's, which need not be the test's at midnight).
        LocalDate from = task.getCreatedAt().withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        LocalDate to = from.plusDays(1);
        AnalyticsQuote quote = analytics.quoteAnalyticsQuery("task_throughput", from, to, null, agent.getId(),
                null, null, null, null, null, null, null);
        assertThat(quote.getHotDays()).containsExactly(from);
        assertThat(quote.getQuotedUsd()).isEqualByComparingTo(BigDecimal.ZERO);
        // The trailing three: limit, cursor and top (the first page, of the default size, by day).
        AnalyticsResult result = analytics.runAnalyticsQuery("task_throughput", from, to, null, agent.getId(),
                null, null, null, null, null, null, null, null, null, null);
        assertThat(result.getEngine()).isEqualTo("postgresql");
        assertThat(result.getRows()).extracting(row -> row.get("agent_id")).containsOnly(agent.getId().toString());
        Object columns = analytics.listAnalyticsQueries().stream().filter(question -> "task_throughput".equals(question.get("name")))
                .findFirst().orElseThrow().get("columns");
        assertThat(result.getRows()).allSatisfy(row -> assertThat(List.copyOf(row.keySet())).as("the catalog's columns").isEqualTo(columns));
        assertThat(result.getRows().stream().mapToInt(row -> new BigDecimal(row.get("tasks").toString()).intValueExact()).sum())
                .isEqualTo(1);
        assertThat(result.getTotalRows()).isEqualTo(result.getRows().size());
        assertThat(result.getNextCursor()).isNull();

        ApiException missing = catchThrowableOfType(ApiException.class, () -> hot.getAgent(UUID.randomUUID()));
        assertThat(missing.getCode()).isEqualTo(404);
        assertThat(missing.getResponseHeaders().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
        Problem problem = client.getObjectMapper().readValue(missing.getResponseBody(), Problem.class);
        assertThat(problem.getStatus()).isEqualTo(404);
        assertThat(problem.getTitle()).isEqualTo("Not Found");
        assertThat(problem.getType()).startsWith("urn:tokyo-ia:problem:");

        ApiException invalid = catchThrowableOfType(ApiException.class, () -> hot.createAgent(new AgentRequest().name("").role("planner"), null));
        Problem refused = client.getObjectMapper().readValue(invalid.getResponseBody(), Problem.class);
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getErrors()).isNotEmpty().allSatisfy(error -> assertThat(error.getField()).isNotBlank());
    }

    /** Every agent's name, page by page through nextCursor, as a client pages. */
    private List<String> pagedAgentNames(int pageSize) throws ApiException {
        List<String> names = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        String cursor = null;
        do {
            PageResponseAgentView page = hot.listAgents(cursor, pageSize, null);
            assertThat(page.getItems()).hasSizeLessThanOrEqualTo(pageSize);
            page.getItems().forEach(agent -> names.add(agent.getName()));
            cursor = page.getNextCursor();
            assertThat(cursor == null || cursors.add(cursor)).as("a cursor is never given twice").isTrue();
        } while (cursor != null);
        return names;
    }
}

package com.tokyoia.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tokyoia.platform.error.InvalidValueException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PageRequestTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 31);
    private static final PageRequest.Limits LIMITS = new PageRequest.Limits(5, 300);

    private static AnalyticsRequest request(String query, Map<String, String> paging) {
        Map<String, String> parameters = new HashMap<>(Map.of("from", "2026-03-01", "to", "2026-03-08"));
        parameters.putAll(paging);
        return AnalyticsRequest.parse(query, parameters, TODAY, 366, LIMITS);
    }

    /** token_cost_by_workflow rows in random order, with long runs of equal costs and some null averages. */
    private static List<Map<String, Object>> workflows(int count, long seed) {
        Random random = new Random(seed);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("workflow_id", new UUID(random.nextLong(), random.nextLong()).toString());
            long tasks = random.nextInt(4);
            row.put("tasks", BigDecimal.valueOf(tasks));
            row.put("tokens_input", BigDecimal.valueOf(random.nextInt(1000)));
            row.put("tokens_output", BigDecimal.valueOf(random.nextInt(1000)));
            row.put("cost_usd", new BigDecimal(random.nextInt(5) + ".000000"));
            row.put("avg_cost_usd", tasks == 0 ? null : new BigDecimal("0.1"));
            rows.add(row);
        }
        Collections.shuffle(rows, random);
        return rows;
    }

    /** Every page of the answer, each asked for with the cursor of the one before, as a client would. */
    private static List<Map<String, Object>> walk(String query, Map<String, String> paging, List<Map<String, Object>> answer) {
        List<Map<String, Object>> seen = new ArrayList<>();
        Map<String, String> next = new HashMap<>(paging);
        for (int pages = 0; pages <= answer.size() + 1; pages++) {
            PageRequest.Cut cut = request(query, next).page().cut(answer);
            assertThat(cut.rows().size()).isLessThanOrEqualTo(request(query, paging).page().limit());
            seen.addAll(cut.rows());
            if (cut.nextCursor() == null) {
                return seen;
            }
            next.put("cursor", cut.nextCursor());
        }
        throw new AssertionError("the pages never ended");
    }

    @Test
    void thePagesOfAnyLimitAreTheWholeAnswerInItsOrder() {
        List<Map<String, Object>> answer = workflows(257, 1);
        List<Map<String, Object>> byWorkflow = new ArrayList<>(answer);
        byWorkflow.sort(Comparator.comparing(r -> (String) r.get("workflow_id")));
        for (String limit : List.of("1", "7", "256", "257", "300")) {
            assertThat(walk("token_cost_by_workflow", Map.of("limit", limit), answer)).as("limit " + limit).isEqualTo(byWorkflow);
        }
        assertThat(walk("token_cost_by_workflow", Map.of(), answer)).as("the configured default of 5").isEqualTo(byWorkflow);
        assertThat(request("token_cost_by_workflow", Map.of()).page().cut(answer).rows()).hasSize(5);
        assertThat(request("token_cost_by_workflow", Map.of()).page().cut(List.of()))
                .isEqualTo(new PageRequest.Cut(List.of(), null));
    }

    /** A list that counts the rows read from it, as a cached answer's encoded rows are decoded only when read. */
    private static final class CountingRows extends AbstractList<Map<String, Object>> {
        private final List<Map<String, Object>> rows;
        private int reads;

        CountingRows(List<Map<String, Object>> rows) {
            this.rows = rows;
        }

        @Override
        public Map<String, Object> get(int index) {
            reads++;
            return rows.get(index);
        }

        @Override
        public int size() {
            return rows.size();
        }
    }

    @Test
    void anAnswerInItsDefaultOrderIsPagedWithoutSortingReadingOnlyTheRowsItProbes() {
        List<Map<String, Object>> answer = workflows(4096, 5);
        AnswerOrder order = AnswerOrder.of(QueryCatalog.TOKEN_COST_BY_WORKFLOW, Optional.empty());
        CountingRows sorted = new CountingRows(order.sort(answer));
        Map<String, String> next = new HashMap<>(Map.of("limit", "100"));
        List<Map<String, Object>> seen = new ArrayList<>();
        for (int pages = 0; pages < 42; pages++) {
            PageRequest page = request("token_cost_by_workflow", next).page();
            PageRequest.Cut expected = page.cut(answer);
            sorted.reads = 0;
            PageRequest.Cut cut = page.cutInDefaultOrder(sorted);
            // A binary search over 4,096 rows (12 probes) and the last row for the next cursor; the page itself is a view.
            assertThat(sorted.reads).as("page " + pages).isLessThanOrEqualTo(14);
            assertThat(cut).isEqualTo(expected);
            seen.addAll(cut.rows());
            if (cut.nextCursor() == null) {
                break;
            }
            next.put("cursor", cut.nextCursor());
        }
        assertThat(seen).isEqualTo(order.sort(answer));
        PageRequest top = request("token_cost_by_workflow", Map.of("top", "cost_usd")).page();
        assertThat(top.cutInDefaultOrder(sorted)).as("top sorts again").isEqualTo(top.cut(answer));
    }

    @Test
    void topOrdersByTheMeasureLargestFirstAndEqualValuesByTheDimensions() {
        List<Map<String, Object>> answer = workflows(120, 2);
        List<Map<String, Object>> pages = walk("token_cost_by_workflow", Map.of("top", "cost_usd", "limit", "9"), answer);
        assertThat(pages).hasSize(120).containsExactlyInAnyOrderElementsOf(answer);
        for (int i = 1; i < pages.size(); i++) {
            BigDecimal before = (BigDecimal) pages.get(i - 1).get("cost_usd");
            BigDecimal now = (BigDecimal) pages.get(i).get("cost_usd");
            assertThat(now).isLessThanOrEqualTo(before);
            if (now.compareTo(before) == 0) {
                assertThat((String) pages.get(i).get("workflow_id")).isGreaterThan((String) pages.get(i - 1).get("workflow_id"));
            }
        }
    }

    @Test
    void perDayAnswersComeByDayThenDimension() {
        List<Map<String, Object>> answer = new ArrayList<>();
        for (String day : List.of("2026-03-03", "2026-03-01", "2026-03-02")) {
            for (String agent : List.of("b", "a")) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("day", day);
                row.put("agent_id", agent);
                row.put("tasks", BigDecimal.ONE);
                answer.add(row);
            }
        }
        List<String> order = walk("task_throughput", Map.of("limit", "4"), answer).stream()
                .map(r -> r.get("day") + "/" + r.get("agent_id")).toList();
        assertThat(order).containsExactly("2026-03-01/a", "2026-03-01/b", "2026-03-02/a", "2026-03-02/b", "2026-03-03/a", "2026-03-03/b");
    }

    @Test
    void aCursorContinuesAfterItsRowWhenTheAnswerChangedInBetween() {
        List<Map<String, Object>> answer = workflows(20, 3);
        PageRequest.Cut first = request("token_cost_by_workflow", Map.of("limit", "4")).page().cut(answer);
        Map<String, Object> lastSeen = first.rows().get(3);
        // A re-export in between: the last row seen is gone, and a row sorting before it appeared.
        List<Map<String, Object>> changed = new ArrayList<>(answer);
        changed.remove(lastSeen);
        Map<String, Object> earlier = new LinkedHashMap<>(lastSeen);
        earlier.put("workflow_id", "0" + lastSeen.get("workflow_id"));
        changed.add(earlier);
        PageRequest.Cut second = request("token_cost_by_workflow", Map.of("limit", "4", "cursor", first.nextCursor())).page().cut(changed);
        List<Map<String, Object>> sorted = new ArrayList<>(changed);
        sorted.sort(Comparator.comparing(r -> (String) r.get("workflow_id")));
        List<Map<String, Object>> after = sorted.stream()
                .filter(r -> ((String) r.get("workflow_id")).compareTo((String) lastSeen.get("workflow_id")) > 0).toList();
        assertThat(second.rows()).isEqualTo(after.subList(0, 4));
    }

    @Test
    void anEngineOrTheCacheGivesTheSameOrderForTheSameValues() {
        AnswerOrder order = AnswerOrder.of(QueryCatalog.TASK_THROUGHPUT, Optional.empty());
        Map<String, Object> fresh = new LinkedHashMap<>();
        fresh.put("day", LocalDate.of(2026, 3, 1));
        fresh.put("agent_id", "a");
        fresh.put("tasks", 3L);
        fresh.put("failure_rate", 0.5d);
        Map<String, Object> cached = new LinkedHashMap<>();
        cached.put("day", "2026-03-01");
        cached.put("agent_id", "a");
        cached.put("tasks", new BigDecimal("3"));
        cached.put("failure_rate", new BigDecimal("0.50"));
        assertThat(order.compare(fresh, cached)).isZero();
        cached.put("failure_rate", null);
        assertThat(order.compare(cached, fresh)).as("nulls first").isNegative();
    }

    @Test
    void badPagingIsRefusedByNameBeforeAnythingRuns() {
        for (String limit : List.of("0", "-1", "301", "ten", "99999999999")) {
            refused(Map.of("limit", limit), "limit");
        }
        refused(Map.of("top", "workflow_id"), "top");
        refused(Map.of("top", "no_such_measure"), "top");
        refused(Map.of("cursor", "!!not base64!!"), "cursor");
        refused(Map.of("cursor", encode("{\"not\":\"an array\"}")), "cursor");
        refused(Map.of("cursor", "x".repeat(9000)), "cursor");
        String cursor = request("token_cost_by_workflow", Map.of("limit", "1")).page().cut(workflows(3, 4)).nextCursor();
        refused(Map.of("cursor", encode(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                .replaceFirst("\\]$", ",1]"))), "cursor");
        // The right length and fingerprint, but a key value no answer holds (a boolean, an array).
        String json = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        refused(Map.of("cursor", encode(json.replaceFirst(",[^,\\]]*\\]$", ",true]"))), "cursor");
        refused(Map.of("cursor", encode(json.replaceFirst(",[^,\\]]*\\]$", ",[1]]"))), "cursor");
        // A cursor continues only its own question, range, filters and order.
        assertThatThrownBy(() -> request("token_cost_by_agent", Map.of("cursor", cursor)))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.getMessage()).contains("another question"));
        refused(Map.of("cursor", cursor, "top", "cost_usd"), "cursor");
        refused(Map.of("cursor", cursor, "workflowId", UUID.randomUUID().toString()), "cursor");
        assertThat(request("token_cost_by_workflow", Map.of("cursor", cursor, "limit", "2")).page().after()).isNotNull();
    }

    @Test
    void pagingIsNotPartOfTheQuestion() {
        AnalyticsRequest paged = request("token_cost_by_workflow", Map.of("limit", "2", "top", "tasks"));
        assertThat(paged.filters()).isEmpty();
        assertThat(paged.normalized()).isEqualTo(request("token_cost_by_workflow", Map.of()).normalized());
    }

    private static void refused(Map<String, String> paging, String field) {
        assertThatThrownBy(() -> request("token_cost_by_workflow", paging)).as(paging.toString())
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}

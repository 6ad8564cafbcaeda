package com.tokyoia.analytics.infrastructure.engine;

import com.tokyoia.analytics.application.port.ColdEngine;
import com.tokyoia.analytics.application.port.ColdEngineException;
import com.tokyoia.analytics.domain.AnalyticsQuery;
import com.tokyoia.analytics.domain.DayPlan;
import com.tokyoia.analytics.domain.Dimension;
import com.tokyoia.analytics.domain.Measure;
import com.tokyoia.analytics.domain.PartialSink;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatistics;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatus;
import software.amazon.awssdk.services.athena.model.Row;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;

/**
 * The AWS cold engine: Athena (AWS SDK v2) over the Glue catalog. Sends {@link LakeSql}'s text with
 * its values as {@code ExecutionParameters} in the configured workgroup (result reuse when
 * configured), polls {@code GetQueryExecution} with a short first wait doubling up to a cap, stops
 * the query when it runs past the time limit, and reads the paginated results into typed rows.
 * The bytes Athena scanned (what it bills) and its engine time come back with the answer.
 */
public final class AthenaEngine implements ColdEngine {
    private static final Logger LOG = Logger.getLogger(AthenaEngine.class.getName());

    /** How the engine waits between polls; tests record the waits. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final AthenaClient athena;
    private final AthenaSettings settings;
    private final Sleeper sleeper;

    public AthenaEngine(AthenaClient athena, AthenaSettings settings) {
        this(athena, settings, d -> Thread.sleep(d.toMillis()));
    }

    public AthenaEngine(AthenaClient athena, AthenaSettings settings, Sleeper sleeper) {
        this.athena = athena;
        this.settings = settings;
        this.sleeper = sleeper;
    }

    @Override
    public ColdAnswer partials(AnalyticsQuery query, List<DayPlan.ColdDay> days, Map<String, String> filters, PartialSink sink) {
        return run(query, days, filters, settings.workGroup(), sink);
    }

    /** In the admin workgroup (its higher bytes-scanned cutoff) when one is configured; else like any query. */
    @Override
    public ColdAnswer partialsOverLimit(AnalyticsQuery query, List<DayPlan.ColdDay> days, Map<String, String> filters,
                                        PartialSink sink) {
        return run(query, days, filters, settings.adminWorkGroup().orElse(settings.workGroup()), sink);
    }

    private ColdAnswer run(AnalyticsQuery query, List<DayPlan.ColdDay> days, Map<String, String> filters, String workGroup,
                           PartialSink sink) {
        if (days.isEmpty()) {
            return new ColdAnswer(0L, name());
        }
        String id;
        try {
            id = athena.startQueryExecution(request(LakeSql.partials(query, days, filters), days, workGroup)).queryExecutionId();
        } catch (SdkException e) {
            throw new ColdEngineException(name(), null, "Athena did not start the query: " + e.getMessage());
        }
        try {
            QueryExecution execution = awaitCompletion(id);
            results(query, id, sink);
            QueryExecutionStatistics statistics = execution.statistics();
            return new ColdAnswer(statistics == null ? null : statistics.dataScannedInBytes(), name(), id,
                    statistics == null ? null : statistics.engineExecutionTimeInMillis());
        } catch (SdkException e) {
            // Throttled, unreachable or refused while the query runs: do not leave it running (and billing).
            stopQuietly(id);
            throw new ColdEngineException(name(), id, "Athena query " + id + " could not be followed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ColdEngineException(name(), id, "interrupted while waiting for Athena query " + id + "; it was stopped");
        }
    }

    /**
     * What is sent to StartQueryExecution. Athena substitutes each execution parameter as a SQL
     * literal, so text values go as quoted literals; they never become part of the query string.
     * The query string ends with a comment naming the manifest versions of the days: Athena reuses
     * results of an identical query string without looking at the data, and a new version of a day
     * (in its own folder, behind the same partition) would not change the query string otherwise.
     */
    public StartQueryExecutionRequest request(LakeSql statement, List<DayPlan.ColdDay> days) {
        return request(statement, days, settings.workGroup());
    }

    StartQueryExecutionRequest request(LakeSql statement, List<DayPlan.ColdDay> days, String workGroup) {
        StartQueryExecutionRequest.Builder request = StartQueryExecutionRequest.builder()
                .queryString(statement.sql() + " /* lake versions " + versions(days) + " */")
                .workGroup(workGroup)
                .queryExecutionContext(c -> c.catalog(settings.catalog()).database(settings.database()))
                .executionParameters(statement.values().stream().map(AthenaEngine::literal).toList());
        settings.outputLocation().ifPresent(location -> request.resultConfiguration(r -> r.outputLocation(location)));
        if (settings.resultReuseMaxAgeMinutes() > 0) {
            request.resultReuseConfiguration(r -> r.resultReuseByAgeConfiguration(a -> a.enabled(true)
                    .maxAgeInMinutes(settings.resultReuseMaxAgeMinutes())));
        }
        return request.build();
    }

    private static String versions(List<DayPlan.ColdDay> days) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (DayPlan.ColdDay day : days) {
                sha.update((day.day() + "@" + day.version() + "#" + day.sha256() + ";").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private QueryExecution awaitCompletion(String id) throws InterruptedException {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        Duration wait = settings.firstPoll();
        while (true) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                stopQuietly(id);
                throw e;
            }
            QueryExecution execution = athena.getQueryExecution(r -> r.queryExecutionId(id)).queryExecution();
            QueryExecutionStatus status = execution.status();
            QueryExecutionState state = status.state();
            if (state == QueryExecutionState.SUCCEEDED) {
                return execution;
            }
            if (state == QueryExecutionState.FAILED || state == QueryExecutionState.CANCELLED) {
                throw new ColdEngineException(name(), id, "Athena query " + id + " " + state + ": " + reason(status));
            }
            if (System.nanoTime() > deadline) {
                stopQuietly(id);
                throw new ColdEngineException(name(), id, "Athena query " + id + " did not finish within "
                        + readable(settings.timeout()) + " (last state " + state + ") and was stopped");
            }
            wait = wait.multipliedBy(2).compareTo(settings.maxPoll()) > 0 ? settings.maxPoll() : wait.multipliedBy(2);
        }
    }

    private static String readable(Duration duration) {
        return duration.toMillis() < 1000 ? duration.toMillis() + " ms" : duration.toSeconds() + " s";
    }

    private static String reason(QueryExecutionStatus status) {
        String reason = status.stateChangeReason();
        if (status.athenaError() != null && status.athenaError().errorMessage() != null
                && (reason == null || !reason.contains(status.athenaError().errorMessage()))) {
            reason = (reason == null ? "" : reason + " ") + "(" + status.athenaError().errorMessage() + ")";
        }
        return reason == null || reason.isBlank() ? "no reason given" : reason;
    }

    /** Best effort: the reason to stop is the error to report, not a failure of the stop itself. */
    private void stopQuietly(String id) {
        try {
            athena.stopQueryExecution(r -> r.queryExecutionId(id));
        } catch (SdkException e) {
            LOG.log(Level.WARNING, "Could not stop Athena query " + id, e);
        }
    }

    private void results(AnalyticsQuery query, String id, PartialSink sink) {
        boolean first = true;
        for (GetQueryResultsResponse page : athena.getQueryResultsPaginator(r -> r.queryExecutionId(id).maxResults(1000))) {
            List<ColumnInfo> columns = page.resultSet().resultSetMetadata().columnInfo();
            List<Row> pageRows = page.resultSet().rows();
            for (int r = 0; r < pageRows.size(); r++) {
                List<Datum> data = pageRows.get(r).data();
                // A SELECT's first result row repeats the column labels.
                if (first && r == 0 && isHeader(data, columns)) {
                    continue;
                }
                sink.accept(typed(query, data, columns));
            }
            first = false;
        }
    }

    private static boolean isHeader(List<Datum> data, List<ColumnInfo> columns) {
        for (int i = 0; i < columns.size(); i++) {
            if (i >= data.size() || !columns.get(i).name().equals(data.get(i).varCharValue())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The same row shape PartialQueries reads from JDBC: day (null when the query sums the whole
     * range), dimensions as text or numbers, measures at scale 6.
     */
    private static Map<String, Object> typed(AnalyticsQuery query, List<Datum> data, List<ColumnInfo> columns) {
        Map<String, Object> row = new LinkedHashMap<>();
        String day = value(data, 0);
        row.put("day", day == null ? null : LocalDate.parse(day));
        int i = 1;
        for (Dimension d : query.dims()) {
            String text = value(data, i);
            row.put(d.name(), text == null ? null : isNumeric(columns.get(i).type()) ? new BigDecimal(text) : text);
            i++;
        }
        for (Measure m : query.measures()) {
            String text = value(data, i++);
            row.put(m.name(), text == null ? BigDecimal.ZERO.setScale(6) : new BigDecimal(text).setScale(6));
        }
        return row;
    }

    private static String value(List<Datum> data, int index) {
        return index < data.size() ? data.get(index).varCharValue() : null;
    }

    private static boolean isNumeric(String type) {
        return switch (type) {
            case "tinyint", "smallint", "integer", "bigint", "decimal", "double", "float", "real" -> true;
            default -> false;
        };
    }

    @Override
    public String name() {
        return "athena";
    }

    /** GetWorkGroup: an API call Athena does not bill (no query runs, nothing is scanned). */
    @Override
    public String probe() {
        String state = athena.getWorkGroup(b -> b.workGroup(settings.workGroup())).workGroup().stateAsString();
        return "Athena workgroup " + settings.workGroup() + " " + state;
    }
}

package com.tokyoia.analytics.application;

import com.tokyoia.analytics.application.port.QueryLog;
import com.tokyoia.analytics.domain.AnalyticsQuery;
import com.tokyoia.analytics.domain.AnswerOrder;
import com.tokyoia.analytics.domain.AnalyticsRequest;
import com.tokyoia.analytics.domain.Filter;
import com.tokyoia.analytics.domain.QueryCatalog;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The analytics bean: the server's entry point to {@link AnalyticsService}. Bean-managed
 * concurrency: the service is thread-safe and every call gets its own engine and JDBC connections.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AnalyticsBean {
    /** The catalog never changes while the server runs: described once, not per request. */
    private static final List<Map<String, Object>> CATALOG = QueryCatalog.all().stream().map(AnalyticsBean::describe).toList();

    @Inject
    AnalyticsService service;

    public AnalyticsRequest validate(String name, Map<String, String> parameters) {
        return service.validate(name, parameters);
    }

    /** Runs the request for the API's caller, to whom (and to whose group) the query log attributes its cost. */
    public AnalyticsResult run(AnalyticsRequest request, boolean override, Spender spender) throws SQLException {
        return service.run(request, override, spender);
    }

    public AnalyticsService.Quote quote(AnalyticsRequest request) throws SQLException {
        return service.quote(request);
    }

    public List<Map<String, Object>> costs(LocalDate from, LocalDate to) throws SQLException {
        return service.costs(from, to);
    }

    public List<Map<String, Object>> costsBy(QueryLog.Payer payer, LocalDate from, LocalDate to) throws SQLException {
        return service.costsBy(payer, from, to);
    }

    public AnalyticsService.Budget budget() throws SQLException {
        return service.budget();
    }

    public LocalDate today() {
        return service.today();
    }

    public List<Map<String, Object>> catalog() {
        return CATALOG;
    }

    private static Map<String, Object> describe(AnalyticsQuery query) {
        List<String> parameters = Stream.of(Stream.of("from (YYYY-MM-DD, inclusive)", "to (YYYY-MM-DD, exclusive)",
                        "override (true: run over the cost limits)"),
                query.filters().stream().map(AnalyticsBean::describe),
                Stream.of("limit (rows per page, optional)", "cursor (the previous page's nextCursor, optional)",
                        "top (" + String.join(", ", AnswerOrder.measures(query)) + ": largest first, optional)"))
                .flatMap(s -> s).toList();
        return Map.of("name", query.name(), "description", query.description(), "table", query.table().name(),
                "perDay", query.perDay(), "parameters", parameters, "columns", query.resultColumns());
    }

    private static String describe(Filter filter) {
        return filter.name() + " (" + filter.kind().name().toLowerCase(Locale.ROOT) + ", optional)";
    }
}

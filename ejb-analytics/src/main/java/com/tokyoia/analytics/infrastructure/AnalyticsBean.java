package com.tokyoia.analytics.infrastructure;

import com.tokyoia.analytics.application.AnalyticsResult;
import com.tokyoia.analytics.application.AnalyticsService;
import com.tokyoia.analytics.domain.AnalyticsRequest;
import com.tokyoia.analytics.domain.QueryCatalog;
import com.tokyoia.etl.infrastructure.trino.TrinoConnector;
import com.tokyoia.persistence.cache.RedisCache;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.AthenaClientBuilder;

/**
 * The analytics bean: the server's entry point to {@link AnalyticsService}. The cold engine is
 * configured (tokyoia.analytics.engine): embedded DuckDB over the local lake (default), Trino, or
 * Athena; answers are cached in Redis. Bean-managed concurrency: the
 * service is thread-safe and every call gets its own engine and JDBC connections.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AnalyticsBean {
    private static final Logger LOG = Logger.getLogger(AnalyticsBean.class.getName());

    @Resource(lookup = "java:jboss/datasources/TokyoIaDS")
    DataSource dataSource;
    @Inject
    RedisCache redis;
    @Inject
    @ConfigProperty(name = "tokyoia.lake.local.root", defaultValue = "tokyo-ia-lake")
    String lakeRoot;
    @Inject
    @ConfigProperty(name = "tokyoia.lake.store", defaultValue = "local")
    String store;
    @Inject
    @ConfigProperty(name = "tokyoia.analytics.engine", defaultValue = "duckdb")
    String engine;
    @Inject
    @ConfigProperty(name = "tokyoia.trino.query-timeout-seconds", defaultValue = "300")
    long trinoTimeoutSeconds;
    @Inject
    @ConfigProperty(name = "tokyoia.analytics.hot-window-days", defaultValue = "30")
    int hotWindowDays;
    @Inject
    @ConfigProperty(name = "tokyoia.analytics.max-range-days", defaultValue = "366")
    int maxRangeDays;
    @Inject
    @ConfigProperty(name = "tokyoia.analytics.max-query-usd", defaultValue = "1.00")
    BigDecimal maxQueryUsd;
    @Inject
    @ConfigProperty(name = "tokyoia.analytics.daily-budget-usd", defaultValue = "20.00")
    BigDecimal dailyBudgetUsd;
    @Inject
    @ConfigProperty(name = "tokyoia.analytics.cold-ttl-seconds", defaultValue = "86400")
    long coldTtlSeconds;
    @Inject
    @ConfigProperty(name = "tokyoia.analytics.hot-ttl-seconds", defaultValue = "60")
    long hotTtlSeconds;

    private ColdEngine cold;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private AnalyticsService service;

    @PostConstruct
    void start() {
        cold = switch (engine) {
            case "duckdb" -> duckdb();
            case "trino" -> {
                TrinoConnector trino = TrinoConnector.fromConfig(ConfigProvider.getConfig());
                resources.add(trino);
                yield new TrinoEngine(trino, Duration.ofSeconds(trinoTimeoutSeconds));
            }
            case "athena" -> athena();
            default -> throw new IllegalStateException("tokyoia.analytics.engine must be 'duckdb', 'trino' or 'athena', not '"
                    + engine + "'");
        };
        LOG.info(() -> "Analytics: cold engine " + cold.name());
        service = new AnalyticsService(dataSource, cold, new RedisResultCache(redis),
                new AnalyticsService.Settings(hotWindowDays, maxRangeDays, maxQueryUsd, dailyBudgetUsd,
                        Duration.ofSeconds(coldTtlSeconds), Duration.ofSeconds(hotTtlSeconds)),
                () -> LocalDate.now(ZoneOffset.UTC));
    }

    private ColdEngine duckdb() {
        if (!"local".equals(store)) {
            LOG.warning("tokyoia.lake.store is '" + store + "': the embedded DuckDB engine reads only a local lake; "
                    + "cold days will fail; configure tokyoia.analytics.engine=trino or athena");
        }
        try {
            DuckDbEngine duckdb = new DuckDbEngine(Path.of(lakeRoot));
            resources.add(duckdb);
            return duckdb;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded DuckDB engine", e);
        }
    }

    /** Region and credentials come from the AWS default chains (AWS_REGION, profiles, instance roles). */
    private ColdEngine athena() {
        Config config = ConfigProvider.getConfig();
        AthenaClientBuilder builder = AthenaClient.builder().httpClient(UrlConnectionHttpClient.create());
        config.getOptionalValue("tokyoia.athena.endpoint", String.class).filter(e -> !e.isBlank())
                .ifPresent(e -> builder.endpointOverride(URI.create(e)));
        AthenaClient client = builder.build();
        resources.add(client);
        return new AthenaEngine(client, AthenaEngine.Settings.fromConfig(config));
    }

    @PreDestroy
    void stop() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    public AnalyticsRequest validate(String name, Map<String, String> parameters) {
        return service.validate(name, parameters);
    }

    public AnalyticsResult run(AnalyticsRequest request, boolean override) throws Exception {
        return service.run(request, override);
    }

    public AnalyticsService.Quote quote(AnalyticsRequest request) throws Exception {
        return service.quote(request);
    }

    public List<Map<String, Object>> costs(LocalDate from, LocalDate to) throws Exception {
        return service.costs(from, to);
    }

    public List<Map<String, Object>> catalog() {
        return QueryCatalog.all().stream().map(q -> Map.<String, Object>of("name", q.name(), "description", q.description(),
                "table", q.table().name(), "perDay", q.perDay(),
                "parameters", java.util.stream.Stream.concat(java.util.stream.Stream.of("from (YYYY-MM-DD, inclusive)",
                        "to (YYYY-MM-DD, exclusive)", "override (true: run over the cost limits)"),
                        q.filters().stream().map(f -> f.name() + " (" + f.kind().name().toLowerCase() + ", optional)")).toList()))
                .toList();
    }
}

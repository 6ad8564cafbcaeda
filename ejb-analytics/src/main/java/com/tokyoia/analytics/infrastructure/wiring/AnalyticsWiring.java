package com.tokyoia.analytics.infrastructure.wiring;

import com.tokyoia.analytics.application.AnalyticsService;
import com.tokyoia.analytics.application.AnalyticsSettings;
import com.tokyoia.analytics.application.port.ColdEngine;
import com.tokyoia.analytics.application.port.QueryMetrics;
import com.tokyoia.analytics.domain.LakeReach;
import com.tokyoia.analytics.infrastructure.cache.NearResultCache;
import com.tokyoia.analytics.infrastructure.cache.RedisResultCache;
import com.tokyoia.analytics.infrastructure.engine.AthenaEngine;
import com.tokyoia.analytics.infrastructure.engine.AthenaSettings;
import com.tokyoia.analytics.infrastructure.engine.DuckDbEngine;
import com.tokyoia.analytics.infrastructure.engine.DuckDbSettings;
import com.tokyoia.analytics.infrastructure.engine.PostgresHotEngine;
import com.tokyoia.analytics.infrastructure.engine.TrinoEngine;
import com.tokyoia.analytics.infrastructure.log.BackgroundQueryLog;
import com.tokyoia.analytics.infrastructure.log.JdbcQueryLog;
import com.tokyoia.analytics.infrastructure.manifest.ListeningManifestView;
import com.tokyoia.analytics.infrastructure.metrics.MicrometerQueryMetrics;
import com.tokyoia.lake.infrastructure.JdbcManifest;
import com.tokyoia.lake.infrastructure.config.LakeSettings;
import com.tokyoia.lake.infrastructure.config.S3Settings;
import com.tokyoia.lake.infrastructure.config.TrinoSettings;
import com.tokyoia.lake.infrastructure.trino.TrinoConnector;
import com.tokyoia.platform.cache.RedisCache;
import com.tokyoia.platform.config.ConfigReader;
import com.tokyoia.platform.config.InvalidSettingException;
import com.tokyoia.platform.health.ColdEngineReadinessCheck;
import com.tokyoia.platform.health.DependencyProbes;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.AthenaClientBuilder;

/**
 * Builds the analytics service for the server, once per deployment: the configured cold engine
 * (embedded DuckDB over the local lake, Trino, or Athena), PostgreSQL for hot days, the manifest,
 * the Redis result cache and the query log. Region and credentials of Athena come from the AWS
 * default chains (AWS_REGION, profiles, instance roles).
 */
@ApplicationScoped
public class AnalyticsWiring {
    private static final Logger LOG = Logger.getLogger(AnalyticsWiring.class.getName());
    /** Cache hits' log entries waiting to be written at most; beyond, a hit writes its own. */
    private static final int MAX_PENDING_LOG_ENTRIES = 1000;

    @Resource(lookup = "java:jboss/datasources/TokyoIaDS")
    DataSource dataSource;
    @Inject
    RedisCache redis;
    @Inject
    Clock clock;
    @Inject
    LakeSettings lake;
    @Inject
    TrinoSettings trino;
    @Inject
    DependencyProbes probes;
    @Inject
    Instance<MeterRegistry> meters;
    @Resource
    ManagedThreadFactory threads;
    @Resource
    ManagedExecutorService executor;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private AnalyticsSettings settings;
    private AnalyticsService service;

    @PostConstruct
    void build() {
        settings = AnalyticsSettings.from(ConfigReader.forModuleOf(AnalyticsWiring.class));
        ColdEngine cold = switch (settings.engine()) {
            case DUCKDB -> duckdb();
            case TRINO -> {
                TrinoConnector connector = new TrinoConnector(trino);
                resources.add(connector);
                yield new TrinoEngine(connector, trino.queryTimeout());
            }
            case ATHENA -> athena(AthenaSettings.from(ConfigReader.forModuleOf(AnalyticsWiring.class)));
        };
        LOG.info(() -> "Analytics: cold engine " + cold.name() + "; " + settings);
        probes.register(ColdEngineReadinessCheck.NAME, cold::probe);
        ConfigReader config = ConfigReader.forModuleOf(AnalyticsWiring.class);
        JdbcManifest manifest = new JdbcManifest(dataSource, clock);
        ListeningManifestView view = new ListeningManifestView(dataSource, manifest::currentVersions, threads);
        resources.add(view);
        BackgroundQueryLog queryLog = new BackgroundQueryLog(new JdbcQueryLog(dataSource, clock), executor, MAX_PENDING_LOG_ENTRIES);
        resources.add(queryLog);
        service = new AnalyticsService(new PostgresHotEngine(dataSource), cold, manifest,
                new NearResultCache(new RedisResultCache(redis, config.integer("tokyoia.analytics.cache-max-entry-mb", 1, 512) << 20),
                        (long) config.integer("tokyoia.analytics.near-cache-mb", 1, 65_536) << 20,
                        config.duration("tokyoia.analytics.near-cache-seconds", ChronoUnit.SECONDS, 1, 86_400), clock),
                queryLog, settings, clock,
                meters.isResolvable() ? new MicrometerQueryMetrics(meters.get()) : QueryMetrics.NONE, reach(settings.engine()))
                .withManifestView(view);
    }

    /** What the engine reads: the local lake (DuckDB), or the S3 root through the engine's catalog. */
    private LakeReach reach(AnalyticsSettings.Engine engine) {
        String s3Root = lake.s3().map(S3Settings::rootUri).orElse(null);
        return switch (engine) {
            case DUCKDB -> LakeReach.duckdb(lake.location());
            case TRINO -> LakeReach.overS3("trino", s3Root, "trino");
            case ATHENA -> LakeReach.overS3("athena", s3Root, "glue");
        };
    }

    private ColdEngine duckdb() {
        if (lake.store() != LakeSettings.StoreKind.LOCAL) {
            throw new InvalidSettingException("tokyoia.analytics.engine", "is duckdb, which reads only a local lake, but "
                    + "tokyoia.lake.store is s3: use trino or athena");
        }
        try {
            DuckDbEngine duckdb = new DuckDbEngine(lake.localRoot(), DuckDbSettings.from(ConfigReader.forModuleOf(AnalyticsWiring.class)));
            resources.add(duckdb);
            return duckdb;
        } catch (SQLException e) {
            throw new IllegalStateException("could not start the embedded DuckDB engine", e);
        }
    }

    private ColdEngine athena(AthenaSettings athena) {
        AthenaClientBuilder builder = AthenaClient.builder().httpClient(UrlConnectionHttpClient.create());
        athena.endpoint().ifPresent(builder::endpointOverride);
        AthenaClient client = builder.build();
        resources.add(client);
        return new AthenaEngine(client, athena);
    }

    @PreDestroy
    void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Could not close " + resource, e);
            }
        }
    }

    @Produces
    AnalyticsService service() {
        return service;
    }

    @Produces
    AnalyticsSettings settings() {
        return settings;
    }
}

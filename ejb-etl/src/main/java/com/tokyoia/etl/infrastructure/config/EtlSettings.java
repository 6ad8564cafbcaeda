package com.tokyoia.etl.infrastructure.config;

import com.tokyoia.etl.application.Retry;
import com.tokyoia.etl.infrastructure.catalog.CatalogPublisher;
import com.tokyoia.etl.infrastructure.catalog.GlueCatalogPublisher;
import com.tokyoia.etl.infrastructure.catalog.TrinoCatalogPublisher;
import com.tokyoia.etl.infrastructure.notify.FailureNotifier;
import com.tokyoia.etl.infrastructure.notify.MailNotifier;
import com.tokyoia.etl.infrastructure.notify.WebhookNotifier;
import com.tokyoia.etl.infrastructure.store.LocalDirectoryStore;
import com.tokyoia.etl.infrastructure.store.ObjectStore;
import com.tokyoia.etl.infrastructure.store.S3ObjectStore;
import com.tokyoia.etl.infrastructure.store.S3Settings;
import com.tokyoia.etl.infrastructure.trino.TrinoConnector;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Session;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.GlueClientBuilder;

/**
 * The ETL's wiring from MicroProfile Config: which object store (local directory or S3), which
 * catalog (none, Glue or Trino), where alerts go, retry and file-size settings. Built once per deployment.
 */
@ApplicationScoped
public class EtlSettings {
    private static final Logger LOG = Logger.getLogger(EtlSettings.class.getName());

    @Inject
    @ConfigProperty(name = "tokyoia.lake.store", defaultValue = "local")
    String storeKind;
    @Inject
    @ConfigProperty(name = "tokyoia.lake.local.root", defaultValue = "tokyo-ia-lake")
    String localRoot;
    @Inject
    @ConfigProperty(name = "tokyoia.lake.s3.bucket")
    Optional<String> bucket;
    @Inject
    @ConfigProperty(name = "tokyoia.lake.s3.prefix", defaultValue = "lake")
    String prefix;
    @Inject
    @ConfigProperty(name = "tokyoia.lake.s3.region")
    Optional<String> region;
    @Inject
    @ConfigProperty(name = "tokyoia.lake.s3.endpoint")
    Optional<String> endpoint;
    @Inject
    @ConfigProperty(name = "tokyoia.lake.s3.path-style", defaultValue = "false")
    boolean pathStyle;
    @Inject
    @ConfigProperty(name = "tokyoia.lake.s3.server-side-encryption")
    Optional<String> serverSideEncryption;
    @Inject
    @ConfigProperty(name = "tokyoia.lake.s3.multipart-threshold-mb", defaultValue = "64")
    long multipartThresholdMb;
    @Inject
    @ConfigProperty(name = "tokyoia.lake.s3.part-size-mb", defaultValue = "16")
    long partSizeMb;
    @Inject
    @ConfigProperty(name = "tokyoia.lake.catalog", defaultValue = "none")
    String catalogKind;
    @Inject
    @ConfigProperty(name = "tokyoia.lake.glue.database", defaultValue = "tokyoia_lake")
    String glueDatabase;
    @Inject
    @ConfigProperty(name = "tokyoia.etl.retries", defaultValue = "3")
    int retries;
    @Inject
    @ConfigProperty(name = "tokyoia.etl.retry-backoff-ms", defaultValue = "1000")
    long retryBackoffMs;
    @Inject
    @ConfigProperty(name = "tokyoia.etl.row-group-mb", defaultValue = "64")
    long rowGroupMb;
    @Inject
    @ConfigProperty(name = "tokyoia.etl.work-dir")
    Optional<String> workDir;
    @Inject
    @ConfigProperty(name = "tokyoia.etl.max-range-days", defaultValue = "366")
    int maxRangeDays;
    @Inject
    @ConfigProperty(name = "tokyoia.etl.catch-up-max-days", defaultValue = "31")
    int catchUpMaxDays;
    @Inject
    @ConfigProperty(name = "tokyoia.etl.reconcile-window-days", defaultValue = "30")
    int reconcileWindowDays;
    @Inject
    @ConfigProperty(name = "tokyoia.etl.alert.webhook-url")
    Optional<String> webhookUrl;
    @Inject
    @ConfigProperty(name = "tokyoia.etl.alert.mail-to")
    Optional<String> mailTo;
    @Inject
    @ConfigProperty(name = "tokyoia.etl.alert.mail-from", defaultValue = "tokyo-ia@localhost")
    String mailFrom;

    @Resource(lookup = "java:jboss/mail/Default")
    Session mailSession;

    private ObjectStore store;
    private CatalogPublisher catalog;
    private GlueClient glue;
    private TrinoConnector trino;
    private List<FailureNotifier> notifiers;

    @PostConstruct
    void build() {
        store = switch (storeKind) {
            case "local" -> new LocalDirectoryStore(Path.of(localRoot));
            case "s3" -> new S3ObjectStore(new S3Settings(bucket.orElse(null), prefix, region, endpoint.map(URI::create),
                    pathStyle, serverSideEncryption, multipartThresholdMb * 1024 * 1024, partSizeMb * 1024 * 1024));
            default -> throw new IllegalStateException("tokyoia.lake.store must be 'local' or 's3', not '" + storeKind + "'");
        };
        catalog = switch (catalogKind) {
            case "none" -> CatalogPublisher.NONE;
            case "glue" -> {
                GlueClientBuilder builder = GlueClient.builder().httpClient(UrlConnectionHttpClient.create())
                        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
                region.ifPresent(r -> builder.region(Region.of(r)));
                glue = builder.build();
                yield new GlueCatalogPublisher(glue, glueDatabase, "s3://" + bucket.orElseThrow() + "/" + prefix);
            }
            case "trino" -> {
                if (!(store instanceof S3ObjectStore)) {
                    throw new IllegalStateException("tokyoia.lake.catalog=trino needs tokyoia.lake.store=s3: Trino reads the lake from S3");
                }
                trino = TrinoConnector.fromConfig(ConfigProvider.getConfig());
                yield new TrinoCatalogPublisher(trino, "s3://" + bucket.orElseThrow() + "/" + prefix);
            }
            default -> throw new IllegalStateException("tokyoia.lake.catalog must be 'none', 'glue' or 'trino', not '"
                    + catalogKind + "'");
        };
        List<FailureNotifier> configured = new ArrayList<>();
        webhookUrl.filter(u -> !u.isBlank()).ifPresent(u -> configured.add(new WebhookNotifier(URI.create(u))));
        mailTo.filter(t -> !t.isBlank()).ifPresent(t -> configured.add(new MailNotifier(mailSession, mailFrom, t)));
        notifiers = List.copyOf(configured);
        LOG.info(() -> "Lake: " + store.uri("") + ", catalog " + catalogKind + ", " + notifiers.size() + " alert channel(s)");
    }

    @PreDestroy
    void close() {
        if (store instanceof S3ObjectStore s3) {
            s3.close();
        }
        if (glue != null) {
            glue.close();
        }
        if (trino != null) {
            trino.close();
        }
    }

    public ObjectStore store() {
        return store;
    }

    public CatalogPublisher catalog() {
        return catalog;
    }

    public Retry retry() {
        return new Retry(retries, Duration.ofMillis(retryBackoffMs));
    }

    public Path workDir() {
        return Path.of(workDir.orElse(System.getProperty("java.io.tmpdir"))).resolve("tokyo-ia-etl");
    }

    public long rowGroupBytes() {
        return rowGroupMb * 1024 * 1024;
    }

    public int maxRangeDays() {
        return maxRangeDays;
    }

    public int catchUpMaxDays() {
        return catchUpMaxDays;
    }

    public int reconcileWindowDays() {
        return reconcileWindowDays;
    }

    public List<FailureNotifier> notifiers() {
        return notifiers;
    }
}

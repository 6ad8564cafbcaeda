package com.tokyoia.etl.infrastructure.catalog;

import com.tokyoia.etl.application.port.CatalogPublisher;
import com.tokyoia.lake.infrastructure.config.LakeSettings;
import com.tokyoia.lake.infrastructure.config.TrinoSettings;
import com.tokyoia.lake.infrastructure.trino.TrinoConnector;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.GlueClientBuilder;

/** The catalog publisher the lake settings name, with the client it owns. */
public final class Catalogs {
    private Catalogs() {
    }

    /** A publisher and what to close with it. */
    public record Opened(CatalogPublisher publisher, AutoCloseable client) implements AutoCloseable {
        @Override
        public void close() {
            if (client != null) {
                try {
                    client.close();
                } catch (Exception e) {
                    // Only connection pools go away; nothing to recover at shutdown.
                }
            }
        }
    }

    public static Opened open(LakeSettings lake, TrinoSettings trino) {
        return open(lake.catalog(), lake.location().root(), lake, trino);
    }

    /** The publisher of {@code catalog} over the S3 root {@code rootUri} (a lake migration's target). */
    public static Opened open(LakeSettings.CatalogKind catalog, String rootUri, LakeSettings lake, TrinoSettings trino) {
        return switch (catalog) {
            case NONE -> new Opened(CatalogPublisher.NONE, null);
            case GLUE -> {
                // Retries are the ETL's own (counted, logged, with backoff), not hidden in the SDK.
                GlueClientBuilder builder = GlueClient.builder().httpClient(UrlConnectionHttpClient.create())
                        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
                lake.s3Connection().get().region().ifPresent(r -> builder.region(Region.of(r)));
                GlueClient glue = builder.build();
                yield new Opened(new GlueCatalogPublisher(glue, lake.glueDatabase(), rootUri), glue);
            }
            case TRINO -> {
                TrinoConnector connector = new TrinoConnector(trino);
                yield new Opened(new TrinoCatalogPublisher(connector, rootUri), connector);
            }
        };
    }
}

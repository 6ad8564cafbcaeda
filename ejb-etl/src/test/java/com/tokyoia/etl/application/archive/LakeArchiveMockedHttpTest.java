package com.tokyoia.etl.application.archive;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.tokyoia.etl.application.alerting.Alerts;
import com.tokyoia.etl.application.port.AlertChannel;
import com.tokyoia.etl.application.alerting.Notice;
import com.tokyoia.etl.domain.ExportRequest;
import com.tokyoia.etl.infrastructure.store.S3ObjectStore;
import com.tokyoia.lake.domain.LakeKeys;
import com.tokyoia.lake.domain.lifecycle.RestorePrices;
import com.tokyoia.lake.domain.lifecycle.RestoreTier;
import com.tokyoia.lake.domain.lifecycle.StorageClassModel;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.lake.domain.manifest.ValidatedCopy;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.infrastructure.JdbcManifest;
import com.tokyoia.lake.infrastructure.config.S3Settings;
import com.tokyoia.testing.MutableClock;
import com.tokyoia.testing.TestDatabase;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

/**
 * Storage classes and restores from the archive at the HTTP level: no S3-compatible server here
 * moves objects to archive classes or answers RestoreObject (S3Mock and S3Proxy do neither), so
 * WireMock answers HeadObject and RestoreObject as the Amazon S3 API reference documents them
 * (x-amz-storage-class, x-amz-restore, POST ?restore with a RestoreRequest document); the real AWS
 * SDK and the real manifest in PostgreSQL do the rest.
 */
class LakeArchiveMockedHttpTest {
    static final LocalDate ARCHIVED = LocalDate.of(2024, 8, 1);
    static final LocalDate VANISHED = ARCHIVED.plusDays(1);
    static final String BUCKET = "lake-bucket";
    private final MutableClock clock = MutableClock.at("2026-02-01T10:00:00Z");
    private final List<Notice> alerts = new ArrayList<>();
    private WireMockServer s3;
    private S3ObjectStore store;
    private JdbcManifest manifest;
    private LakeArchive archive;

    @BeforeEach
    void start() throws Exception {
        s3 = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        s3.start();
        store = new S3ObjectStore(new S3Settings(BUCKET, "lake", Optional.of("us-east-1"), Optional.of(URI.create(s3.baseUrl())), true,
                Optional.empty(), Optional.empty(), 64L << 20, 8L << 20), AnonymousCredentialsProvider.create());
        manifest = new JdbcManifest(TestDatabase.dataSource(), clock);
        TestDatabase.resetManifest(List.of(ARCHIVED, VANISHED));
        for (LocalDate day : List.of(ARCHIVED, VANISHED)) {
            long id = manifest.begin("agent_tasks", day, -7, false).orElseThrow().id();
            manifest.markExported(id, new ValidatedCopy(10, day.equals(ARCHIVED) ? 5_000_000 : 700, "{}", "rows:10;sum:1",
                    "ab".repeat(32), LakeKeys.dataFile("agent_tasks", day, 1), "etag", "STANDARD", clock.instant()));
            manifest.markValidated(id);
        }
        AlertChannel collect = alerts::add;
        archive = new LakeArchive(manifest, store, new StorageClassModel(90, 365, 730),
                new RestorePrices(new BigDecimal("0.0025"), new BigDecimal("0.02"), new BigDecimal("0.025"), new BigDecimal("0.10")),
                new Alerts(List.of(collect)), clock);
    }

    @AfterEach
    void stop() {
        store.close();
        s3.stop();
    }

    private void headAnswers(LocalDate day, int status, String storageClass, String restore) {
        var response = aResponse().withStatus(status).withHeader("Content-Length", "5000000").withHeader("ETag", "\"etag\"");
        if (storageClass != null) {
            response = response.withHeader("x-amz-storage-class", storageClass);
        }
        if (restore != null) {
            response = response.withHeader("x-amz-restore", restore);
        }
        s3.stubFor(head(urlPathMatching(objectPath(day))).willReturn(response));
    }

    /** The object's path as a pattern: the SDK may percent-encode the '=' of the hive keys. */
    private static String objectPath(LocalDate day) {
        return ("/" + BUCKET + "/lake/" + LakeKeys.dataFile("agent_tasks", day, 1)).replace(".", "\\.").replace("=", "(?:=|%3D)");
    }

    private ManifestEntry current(LocalDate day) throws Exception {
        return manifest.current("agent_tasks", day).orElseThrow();
    }

    @Test
    void archivedAndVanishedObjectsAreMarkedARestoreIsQuotedAskedForAndReadOnceItIsThere() throws Exception {
        headAnswers(ARCHIVED, 200, "DEEP_ARCHIVE", null);
        headAnswers(VANISHED, 404, null, null);

        LakeArchive.Refreshed refreshed = archive.refresh(-8);
        assertThat(refreshed.checked()).isGreaterThanOrEqualTo(2);
        assertThat(current(ARCHIVED).storageClass()).isEqualTo("DEEP_ARCHIVE");
        assertThat(current(ARCHIVED).readableAt(clock.instant())).as("engines cannot read Deep Archive").isFalse();
        assertThat(current(VANISHED).storageClass()).isEqualTo("MISSING");
        assertThat(alerts).filteredOn(a -> a.fact("day").equals(VANISHED.toString())).hasSize(1)
                .allMatch(a -> a.fact("error").contains("gone from the store"));
        archive.refresh(-9);
        assertThat(alerts).as("one alert per vanished object, not one per refresh").filteredOn(a -> a.fact("day").equals(VANISHED.toString()))
                .hasSize(1);

        ExportRequest range = new ExportRequest(ARCHIVED, VANISHED, List.of(LakeSchemaRegistry.AGENT_TASKS));
        LakeArchive.RestoreQuote quote = archive.quote(range, RestoreTier.BULK);
        assertThat(quote.objects()).as("the missing object cannot be restored from the archive").isEqualTo(1);
        assertThat(quote.bytes()).isEqualTo(5_000_000);
        // 5,000,000 bytes at $0.0025 per GiB plus one request at $0.025 per thousand, rounded up to the micro-dollar.
        assertThat(quote.usd()).isEqualByComparingTo("0.000037");
        assertThat(archive.quote(range, RestoreTier.STANDARD).usd()).isEqualByComparingTo("0.000194");

        s3.stubFor(post(urlMatching(objectPath(ARCHIVED) + "\\?restore")).willReturn(aResponse().withStatus(202)));
        archive.restore(range, RestoreTier.BULK, 7);
        s3.verify(postRequestedFor(urlMatching(objectPath(ARCHIVED) + "\\?restore"))
                .withRequestBody(containing("<Days>7</Days>")).withRequestBody(containing("<Tier>Bulk</Tier>")));
        assertThat(TestDatabase.string("SELECT restore_tier FROM export_manifest WHERE id = ?", current(ARCHIVED).id())).isEqualTo("BULK");

        // S3 works on it: the object reads as restoring, then as restored until a date.
        headAnswers(ARCHIVED, 200, "DEEP_ARCHIVE", "ongoing-request=\"true\"");
        archive.refresh(-10);
        assertThat(current(ARCHIVED).readableAt(clock.instant())).isFalse();
        String until = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plus(Duration.ofDays(7)).atZone(ZoneOffset.UTC));
        headAnswers(ARCHIVED, 200, "DEEP_ARCHIVE", "ongoing-request=\"false\", expiry-date=\"" + until + "\"");
        archive.refresh(-11);
        assertThat(current(ARCHIVED).restoredUntil()).isNotNull();
        assertThat(current(ARCHIVED).readableAt(clock.instant())).as("the restored copy is readable").isTrue();
        clock.advance(Duration.ofDays(8));
        assertThat(current(ARCHIVED).readableAt(clock.instant())).as("and no longer once it expired").isFalse();
    }
}

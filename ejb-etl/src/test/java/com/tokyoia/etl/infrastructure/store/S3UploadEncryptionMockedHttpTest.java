package com.tokyoia.etl.infrastructure.store;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.tokyoia.lake.domain.StoredObject;
import com.tokyoia.lake.infrastructure.config.S3Settings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

/**
 * The encryption headers of an upload, at the HTTP level: no S3-compatible server here checks
 * SSE-KMS (S3Proxy and S3Mock accept and ignore it), so WireMock answers PutObject and HeadObject
 * as the S3 API reference documents them and records what the real AWS SDK sent.
 */
class S3UploadEncryptionMockedHttpTest {
    static final String KEY_ARN = "arn:aws:kms:ap-northeast-1:123456789012:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private WireMockServer s3;

    @BeforeEach
    void start() {
        s3 = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        s3.start();
        s3.stubFor(put(urlPathMatching("/lake-bucket/lake/.*")).willReturn(aResponse().withStatus(200).withHeader("ETag", "\"e1\"")));
        s3.stubFor(head(urlPathMatching("/lake-bucket/lake/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Length", "11").withHeader("ETag", "\"e1\"")));
    }

    @AfterEach
    void stop() {
        s3.stop();
    }

    private S3ObjectStore store(Optional<String> encryption, Optional<String> key) {
        return new S3ObjectStore(new S3Settings("lake-bucket", "lake", Optional.of("ap-northeast-1"), Optional.of(URI.create(s3.baseUrl())),
                true, encryption, key, 64L << 20, 8L << 20), AnonymousCredentialsProvider.create());
    }

    @Test
    void anUploadNamesTheLakesKmsKeySoS3DoesNotFallBackToTheManagedKey(@TempDir Path work) throws Exception {
        Path file = Files.writeString(work.resolve("part.parquet"), "hello lake!");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        try (S3ObjectStore store = store(Optional.of("aws:kms"), Optional.of(KEY_ARN))) {
            StoredObject stored = store.put("agent_tasks/year=2026/month=11/day=01/v=0001/part-00000.parquet", file, sha);
            assertThat(stored.size()).isEqualTo(11);
        }
        s3.verify(putRequestedFor(urlPathMatching("/lake-bucket/lake/agent_tasks/.*"))
                .withHeader("x-amz-server-side-encryption", equalTo("aws:kms"))
                .withHeader("x-amz-server-side-encryption-aws-kms-key-id", equalTo(KEY_ARN)));
    }

    @Test
    void withoutSettingsTheBucketsDefaultEncryptionApplies(@TempDir Path work) throws Exception {
        Path file = Files.writeString(work.resolve("part.parquet"), "hello lake!");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        try (S3ObjectStore store = store(Optional.empty(), Optional.empty())) {
            store.put("agent_tasks/year=2026/month=11/day=02/v=0001/part-00000.parquet", file, sha);
        }
        s3.verify(putRequestedFor(urlPathMatching("/lake-bucket/lake/agent_tasks/.*"))
                .withHeader("x-amz-server-side-encryption", absent())
                .withHeader("x-amz-server-side-encryption-aws-kms-key-id", absent()));
    }
}

package com.tokyoia.etl.infrastructure.store;

import com.tokyoia.lake.application.port.ObjectStore;
import com.tokyoia.lake.domain.Sha256;
import com.tokyoia.lake.domain.StoredObject;
import com.tokyoia.lake.domain.StoredVersion;
import com.tokyoia.lake.domain.lifecycle.ArchiveState;
import com.tokyoia.lake.domain.lifecycle.RestoreTier;
import com.tokyoia.lake.domain.lifecycle.StorageClass;
import com.tokyoia.lake.infrastructure.config.S3Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.Tier;

/**
 * The lake on S3 or an S3-compatible server (AWS SDK v2). Uploads carry their SHA-256 so the
 * server rejects corrupted bytes; files above the multipart threshold go up in parts. A key only
 * ever holds a complete file: S3 makes an object visible when its PUT or multipart upload
 * completes (S3 versioning keeps any earlier object of the same key).
 */
public final class S3ObjectStore implements ObjectStore, AutoCloseable {
    private final S3Client s3;
    private final S3Settings settings;

    public S3ObjectStore(S3Settings settings) {
        this(settings, DefaultCredentialsProvider.builder().build());
    }

    public S3ObjectStore(S3Settings settings, AwsCredentialsProvider credentials) {
        this.settings = settings;
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder().build())
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                // Retries are the ETL's (Retry: counted, logged, with backoff), not hidden in the SDK.
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                // Checksums are sent explicitly (SHA-256, as a header); no streaming trailers that
                // S3-compatible servers may not understand.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        settings.region().ifPresent(r -> builder.region(Region.of(r)));
        settings.endpoint().ifPresent(builder::endpointOverride);
        this.s3 = builder.build();
    }

    /** For S3-compatible test servers that run without authentication. */
    public static S3ObjectStore anonymous(S3Settings settings) {
        return new S3ObjectStore(settings, AnonymousCredentialsProvider.create());
    }

    @Override
    public StoredObject put(String key, Path file, String sha256Hex) throws IOException {
        // Straight onto the key: a PUT or a completed multipart upload appears whole or not at all, and the
        // key is in a version folder no reader uses before the copy is proven there. A killed multipart upload
        // leaves only invisible parts, which the bucket's lifecycle rule aborts.
        String target = fullKey(key);
        try {
            long size = Files.size(file);
            if (size > settings.multipartThresholdBytes()) {
                uploadInParts(target, file);
            } else {
                s3.putObject(b -> {
                    b.bucket(settings.bucket()).key(target).checksumSHA256(Sha256.hexToBase64(sha256Hex));
                    settings.serverSideEncryption().ifPresent(sse -> b.serverSideEncryption(ServerSideEncryption.fromValue(sse)));
                    settings.kmsKeyId().ifPresent(b::ssekmsKeyId);
                }, RequestBody.fromFile(file));
            }
        } catch (S3Exception e) {
            throw new IOException("S3 " + e.statusCode() + " writing " + target + ": " + e.awsErrorDetails().errorMessage(), e);
        }
        return head(key).orElseThrow(() -> new IOException(target + " is missing right after the upload"));
    }

    private void uploadInParts(String key, Path file) throws IOException {
        String uploadId = s3.createMultipartUpload(b -> {
            b.bucket(settings.bucket()).key(key).checksumAlgorithm(ChecksumAlgorithm.SHA256);
            settings.serverSideEncryption().ifPresent(sse -> b.serverSideEncryption(ServerSideEncryption.fromValue(sse)));
            settings.kmsKeyId().ifPresent(b::ssekmsKeyId);
        }).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[(int) settings.partSizeBytes()];
            for (int number = 1; ; number++) {
                int length = in.readNBytes(buffer, 0, buffer.length);
                if (length == 0) {
                    break;
                }
                String checksum = Base64.getEncoder().encodeToString(sha256(buffer, length));
                int partNumber = number;
                String etag = s3.uploadPart(b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId)
                                .partNumber(partNumber).checksumSHA256(checksum),
                        RequestBody.fromBytes(Arrays.copyOf(buffer, length))).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).checksumSHA256(checksum).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (IOException | RuntimeException e) {
            s3.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId));
            throw e;
        }
    }

    private static byte[] sha256(byte[] data, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(data, 0, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<StoredObject> head(String key) throws IOException {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(settings.bucket()).key(fullKey(key))
                    .checksumMode(ChecksumMode.ENABLED));
            String sha = head.checksumSHA256();
            // A multipart object's checksum is a checksum of part checksums ("...-N"): not the file's.
            String fileSha = sha == null || sha.contains("-") ? null : Sha256.base64ToHex(sha);
            return Optional.of(new StoredObject(key, head.contentLength(), head.eTag(), fileSha,
                    head.storageClassAsString() == null ? "STANDARD" : head.storageClassAsString()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new IOException("S3 " + e.statusCode() + " reading " + key, e);
        }
    }

    @Override
    public void download(String key, Path target) throws IOException {
        try (InputStream in = s3.getObject(b -> b.bucket(settings.bucket()).key(fullKey(key)))) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public List<StoredVersion> versions(String key) throws IOException {
        String full = fullKey(key);
        try {
            return s3.listObjectVersionsPaginator(b -> b.bucket(settings.bucket()).prefix(full)).versions().stream()
                    .filter(v -> v.key().equals(full))
                    .sorted(Comparator.comparing(ObjectVersion::lastModified).reversed())
                    .map(v -> new StoredVersion(key, v.versionId(), v.size(), v.lastModified(), Boolean.TRUE.equals(v.isLatest())))
                    .toList();
        } catch (S3Exception e) {
            throw new IOException("S3 " + e.statusCode() + " listing the versions of " + key, e);
        }
    }

    @Override
    public void download(String key, String versionId, Path target) throws IOException {
        try (InputStream in = s3.getObject(b -> b.bucket(settings.bucket()).key(fullKey(key)).versionId(versionId))) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }


    @Override
    public Optional<ArchiveState> archiveState(String key) throws IOException {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(settings.bucket()).key(fullKey(key)));
            return Optional.of(new ArchiveState(StorageClass.of(head.storageClassAsString()),
                    RestoreHeader.ongoing(head.restore()), RestoreHeader.expiry(head.restore())));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new IOException("S3 " + e.statusCode() + " reading the storage class of " + key, e);
        }
    }

    @Override
    public void requestRestore(String key, int days, RestoreTier tier) throws IOException {
        try {
            s3.restoreObject(b -> b.bucket(settings.bucket()).key(fullKey(key))
                    .restoreRequest(r -> r.days(days).glacierJobParameters(g -> g.tier(Tier.fromValue(
                            tier == RestoreTier.BULK ? "Bulk" : "Standard")))));
        } catch (S3Exception e) {
            // 409 RestoreAlreadyInProgress: the copy is on its way already.
            if (e.statusCode() != 409) {
                throw new IOException("S3 " + e.statusCode() + " restoring " + key + ": " + e.awsErrorDetails().errorMessage(), e);
            }
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(settings.bucket()).key(fullKey(key)));
        } catch (S3Exception e) {
            throw new IOException("S3 " + e.statusCode() + " deleting " + key + ": " + e.awsErrorDetails().errorMessage(), e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        String full = fullKey(prefix);
        int strip = settings.prefix().isEmpty() ? 0 : settings.prefix().length() + 1;
        return s3.listObjectsV2Paginator(b -> b.bucket(settings.bucket()).prefix(full)).contents().stream()
                .map(o -> o.key().substring(strip))
                .sorted()
                .toList();
    }

    @Override
    public String probe() throws IOException {
        try {
            s3.headBucket(b -> b.bucket(settings.bucket()));
            return "bucket " + settings.bucket() + settings.endpoint().map(e -> " at " + e).orElse("");
        } catch (SdkException e) {
            throw new IOException("bucket " + settings.bucket() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String uri(String key) {
        return "s3://" + settings.bucket() + "/" + fullKey(key);
    }

    private String fullKey(String key) {
        return settings.prefix().isEmpty() ? key : settings.prefix() + "/" + key;
    }

    @Override
    public void close() {
        s3.close();
    }
}

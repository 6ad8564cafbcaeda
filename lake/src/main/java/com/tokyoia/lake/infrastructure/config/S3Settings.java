package com.tokyoia.lake.infrastructure.config;

import com.tokyoia.platform.config.ConfigReader;
import com.tokyoia.platform.config.InvalidSettingException;
import java.net.URI;
import java.util.Optional;

/**
 * How to reach the lake bucket (tokyoia.lake.s3.*). Region and credentials come from the AWS
 * default chain unless set; endpoint and path-style are for S3-compatible servers (S3Proxy, MinIO,
 * S3Mock...). Uploads ask for server-side encryption, AES256 unless configured otherwise. With aws:kms
 * encryption, kmsKeyId names the key each upload is encrypted with; without it S3 would use the
 * account's AWS managed key aws/s3, not the lake's key the IAM policies name.
 */
public record S3Settings(String bucket, String prefix, Optional<String> region, Optional<URI> endpoint,
                         boolean pathStyle, Optional<String> serverSideEncryption, Optional<String> kmsKeyId, long multipartThresholdBytes,
                         long partSizeBytes) {
    public S3Settings {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("tokyoia.lake.s3.bucket is required for the s3 store");
        }
        prefix = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
        if (partSizeBytes < 5L * 1024 * 1024) {
            throw new IllegalArgumentException("S3 parts must be at least 5 MiB");
        }
    }

    public static S3Settings from(ConfigReader config) {
        return read(config, config.text("tokyoia.lake.s3.bucket"));
    }

    /**
     * How this deployment reaches S3 (endpoint, region, encryption, part sizes) whatever its own store:
     * the connection a lake migration uses for an s3:// location ({@link #at(String)} names the bucket).
     */
    public static S3Settings connection(ConfigReader config) {
        return read(config, config.optionalText("tokyoia.lake.s3.bucket").orElse("no-bucket-configured"));
    }

    private static S3Settings read(ConfigReader config, String bucket) {
        // Encrypted at rest unless told otherwise: AES256 (S3-managed keys) by default, aws:kms with
        // the lake's key where the bucket has one, none only for a store that refuses the header.
        String configured = config.optionalText("tokyoia.lake.s3.server-side-encryption").orElse("AES256");
        if (!configured.equals("AES256") && !configured.equals("aws:kms") && !configured.equals("none")) {
            throw new InvalidSettingException("tokyoia.lake.s3.server-side-encryption", "must be AES256, aws:kms or none, not '"
                    + configured + "'");
        }
        String sse = configured.equals("none") ? null : configured;
        Optional<String> kmsKeyId = config.optionalText("tokyoia.lake.s3.kms-key-id");
        if (kmsKeyId.isPresent() && !"aws:kms".equals(sse)) {
            throw new InvalidSettingException("tokyoia.lake.s3.kms-key-id", "is set, so tokyoia.lake.s3.server-side-encryption must be aws:kms, not "
                    + "'" + configured + "'");
        }
        long mib = 1024L * 1024;
        S3Settings settings = new S3Settings(bucket, config.optionalText("tokyoia.lake.s3.prefix").orElse(""),
                config.optionalText("tokyoia.lake.s3.region"), config.optionalAwsEndpoint("tokyoia.lake.s3.endpoint"),
                config.flag("tokyoia.lake.s3.path-style"), Optional.ofNullable(sse), kmsKeyId,
                config.whole("tokyoia.lake.s3.multipart-threshold-mb", 5, 5 * 1024) * mib,
                config.whole("tokyoia.lake.s3.part-size-mb", 5, 5 * 1024) * mib);
        if (settings.multipartThresholdBytes() < settings.partSizeBytes()) {
            throw new InvalidSettingException("tokyoia.lake.s3.multipart-threshold-mb", "is " + (settings.multipartThresholdBytes() / mib)
                    + ", below tokyoia.lake.s3.part-size-mb (" + (settings.partSizeBytes() / mib) + "): such uploads would be one part");
        }
        return settings;
    }

    /**
     * The same connection (endpoint, region, encryption, part sizes) to another root,
     * {@code s3://bucket[/prefix]}: where a lake migration copies to or from.
     */
    public S3Settings at(String rootUri) {
        if (!rootUri.startsWith("s3://")) {
            throw new IllegalArgumentException(rootUri + " is not an s3:// URI");
        }
        String path = rootUri.substring("s3://".length());
        int slash = path.indexOf('/');
        return new S3Settings(slash < 0 ? path : path.substring(0, slash), slash < 0 ? "" : path.substring(slash + 1), region, endpoint,
                pathStyle, serverSideEncryption, kmsKeyId, multipartThresholdBytes, partSizeBytes);
    }

    /** s3://bucket/prefix, under which each table has its folder. */
    public String rootUri() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }
}

package com.tokyoia.lake.infrastructure.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tokyoia.platform.config.ConfigReader;
import com.tokyoia.platform.config.InvalidSettingException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3SettingsTest {

    @Test
    void readsTheBucketWithTheModuleDefaults() {
        S3Settings settings = S3Settings.from(ConfigReader.standalone(Map.of("tokyoia.lake.s3.bucket", "b")));
        assertThat(settings.rootUri()).isEqualTo("s3://b/lake");
        assertThat(settings.multipartThresholdBytes()).isGreaterThanOrEqualTo(settings.partSizeBytes());
    }

    @Test
    void partsLargerThanTheMultipartThresholdStopStartUp() {
        assertThatThrownBy(() -> S3Settings.from(ConfigReader.standalone(Map.of("tokyoia.lake.s3.bucket", "b",
                "tokyoia.lake.s3.multipart-threshold-mb", "8", "tokyoia.lake.s3.part-size-mb", "16"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("tokyoia.lake.s3.multipart-threshold-mb");
        assertThatThrownBy(() -> S3Settings.from(ConfigReader.standalone(Map.of("tokyoia.lake.s3.bucket", "b",
                "tokyoia.lake.s3.server-side-encryption", "rot13"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("server-side-encryption");
    }

    @Test
    void aKmsKeyGoesWithKmsEncryptionOnly() {
        S3Settings kms = S3Settings.from(ConfigReader.standalone(Map.of("tokyoia.lake.s3.bucket", "b",
                "tokyoia.lake.s3.server-side-encryption", "aws:kms", "tokyoia.lake.s3.kms-key-id", "arn:aws:kms:eu-west-1:1:key/k")));
        assertThat(kms.kmsKeyId()).contains("arn:aws:kms:eu-west-1:1:key/k");
        assertThatThrownBy(() -> S3Settings.from(ConfigReader.standalone(Map.of("tokyoia.lake.s3.bucket", "b",
                "tokyoia.lake.s3.server-side-encryption", "AES256", "tokyoia.lake.s3.kms-key-id", "k"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("tokyoia.lake.s3.kms-key-id")
                .hasMessageContaining("'AES256'");
    }

    @Test
    void uploadsAreEncryptedAtRestUnlessSaidOtherwise() {
        assertThat(S3Settings.from(ConfigReader.standalone(Map.of("tokyoia.lake.s3.bucket", "b"))).serverSideEncryption())
                .contains("AES256");
        assertThat(S3Settings.from(ConfigReader.standalone(Map.of("tokyoia.lake.s3.bucket", "b",
                "tokyoia.lake.s3.server-side-encryption", "none"))).serverSideEncryption()).isEmpty();
        assertThat(S3Settings.from(ConfigReader.standalone(Map.of("tokyoia.lake.s3.bucket", "b",
                "tokyoia.lake.s3.server-side-encryption", "aws:kms"))).serverSideEncryption()).contains("aws:kms");
    }
}

package com.tokyoia.lake.domain.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LakeLocationTest {

    @Test
    void operatorsWriteAStoreAsAUriAndACatalogByName() {
        assertThat(LakeLocation.parse("s3://tokyo-ia-lake/lake/", "trino")).isEqualTo(LakeLocation.s3("s3://tokyo-ia-lake/lake", "trino"));
        assertThat(LakeLocation.parse("s3://tokyo-ia-lake", null)).isEqualTo(LakeLocation.s3("s3://tokyo-ia-lake", "none"));
        assertThat(LakeLocation.parse("file:///var/lib/tokyo-ia/lake/", "none"))
                .isEqualTo(new LakeLocation("local", "file:///var/lib/tokyo-ia/lake", "none"));
        assertThat(LakeLocation.parse("file:/var/lib/../lib/tokyo-ia/lake", "")).isEqualTo(new LakeLocation("local",
                "file:///var/lib/tokyo-ia/lake", "none"));
    }

    @Test
    void whatNamesNoStoreOrAWrongCatalogIsRefusedSayingWhy() {
        assertThatThrownBy(() -> LakeLocation.parse(null, "none")).hasMessageContaining("is required");
        assertThatThrownBy(() -> LakeLocation.parse("ftp://host/lake", "none")).hasMessageContaining("neither file:///directory");
        assertThatThrownBy(() -> LakeLocation.parse("s3://UPPER_case/lake", "trino")).hasMessageContaining("valid bucket name");
        assertThatThrownBy(() -> LakeLocation.parse("s3://tokyo-ia-lake/lake", "hive")).hasMessageContaining("catalog 'hive'");
        assertThatThrownBy(() -> LakeLocation.parse("s3://tokyo-ia-lake//lake", "none")).hasMessageContaining("no empty or dot segments");
        assertThatThrownBy(() -> LakeLocation.parse("s3://tokyo-ia-lake/./lake", "none")).hasMessageContaining("no empty or dot segments");
        assertThatThrownBy(() -> LakeLocation.parse("file:///srv/lake", "trino")).hasMessageContaining("has no catalog");
    }

    @Test
    void whatARowDoesNotRecordIsTakenFromWhatIsKnown() {
        LakeLocation known = LakeLocation.s3("s3://b/p", "glue");
        assertThat(new LakeLocation(null, null, null).orElse(known)).isEqualTo(known);
        assertThat(new LakeLocation("s3", null, "trino").orElse(known)).isEqualTo(LakeLocation.s3("s3://b/p", "trino"));
    }
}

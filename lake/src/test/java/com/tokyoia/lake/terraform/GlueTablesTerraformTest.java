package com.tokyoia.lake.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.lake.domain.schema.LakeColumn;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import com.tokyoia.lake.domain.schema.LakeType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed Glue columns for Terraform are the registry's. After changing the registry, write
 * them again with {@code ./mvnw -pl lake test -Dtest=GlueTablesTerraformTest -Dtokyoia.terraform.write=true}
 * and commit the file with the change.
 */
class GlueTablesTerraformTest {
    private static final Path COMMITTED = Path.of("..", "infrastructure", "modules", "glue-catalog", "lake_tables.tf.json");

    @Test
    void committedGlueColumnsAreTheRegistrys() throws IOException {
        String generated = GlueTablesTerraform.json();
        if (Boolean.getBoolean("tokyoia.terraform.write")) {
            Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as(COMMITTED + " differs from the lake schema registry: write it again (-Dtokyoia.terraform.write=true) and commit it")
                .isEqualTo(generated);
    }

    @Test
    void aRegistryChangeChangesTheFile() {
        List<LakeTable> changed = new ArrayList<>(LakeSchemaRegistry.tables());
        LakeTable tasks = LakeSchemaRegistry.AGENT_TASKS;
        List<LakeColumn> columns = new ArrayList<>(tasks.columns());
        columns.add(LakeColumn.optional("retries", LakeType.INT32));
        changed.set(changed.indexOf(tasks), new LakeTable(tasks.name(), tasks.dayColumn(), columns));
        assertThat(GlueTablesTerraform.json(changed)).isNotEqualTo(GlueTablesTerraform.json())
                .contains("\"name\": \"retries\",\n            \"type\": \"int\"");
    }

    @Test
    void typesAreHiveTypesWithPrecision() {
        assertThat(GlueTablesTerraform.json()).contains("\"type\": \"decimal(14,6)\"").contains("\"type\": \"timestamp\"")
                .doesNotContain("\"type\": \"varchar");
    }
}

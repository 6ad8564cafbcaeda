package com.tokyoia.lake.terraform;

import com.tokyoia.lake.domain.schema.LakeColumn;
import com.tokyoia.lake.domain.schema.LakeSchemaRegistry;
import com.tokyoia.lake.domain.schema.LakeTable;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes the Glue tables' columns for Terraform ({@code local.lake_tables} in
 * infrastructure/modules/glue-catalog/lake_tables.tf.json) from the lake schema registry, so the
 * catalog on AWS has exactly the columns the export writes. Terraform's JSON syntax, indented by
 * two spaces like {@code terraform fmt} would leave a .tf file.
 */
final class GlueTablesTerraform {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]*");

    private GlueTablesTerraform() {
    }

    static String json(List<LakeTable> tables) {
        StringBuilder out = new StringBuilder("{\n  \"locals\": {\n    \"lake_tables\": {\n");
        for (int t = 0; t < tables.size(); t++) {
            LakeTable table = tables.get(t);
            out.append("      ").append(quoted(table.name())).append(": {\n");
            out.append("        \"day_column\": ").append(quoted(table.dayColumn())).append(",\n");
            out.append("        \"columns\": [\n");
            for (int c = 0; c < table.columns().size(); c++) {
                LakeColumn column = table.columns().get(c);
                out.append("          {\n");
                out.append("            \"name\": ").append(quoted(column.name())).append(",\n");
                out.append("            \"type\": ").append(quoted(column.hiveType())).append('\n');
                out.append("          }").append(c + 1 < table.columns().size() ? "," : "").append('\n');
            }
            out.append("        ]\n");
            out.append("      }").append(t + 1 < tables.size() ? "," : "").append('\n');
        }
        return out.append("    }\n  }\n}\n").toString();
    }

    static String json() {
        return json(LakeSchemaRegistry.tables());
    }

    /** Names and Hive types need no escaping; anything else would be a registry mistake worth hearing about. */
    private static String quoted(String value) {
        if (!IDENTIFIER.matcher(value).matches() && !value.matches("[a-z]+(\\(\\d+,\\d+\\))?")) {
            throw new IllegalArgumentException("not a plain identifier or type: " + value);
        }
        return '"' + value + '"';
    }
}

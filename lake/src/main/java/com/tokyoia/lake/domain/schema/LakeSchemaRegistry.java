package com.tokyoia.lake.domain.schema;

import static com.tokyoia.lake.domain.schema.LakeColumn.decimal;
import static com.tokyoia.lake.domain.schema.LakeColumn.optional;
import static com.tokyoia.lake.domain.schema.LakeColumn.required;
import static com.tokyoia.lake.domain.schema.LakeType.DOUBLE;
import static com.tokyoia.lake.domain.schema.LakeType.ENUM;
import static com.tokyoia.lake.domain.schema.LakeType.INT32;
import static com.tokyoia.lake.domain.schema.LakeType.INT64;
import static com.tokyoia.lake.domain.schema.LakeType.STRING;
import static com.tokyoia.lake.domain.schema.LakeType.TIMESTAMP;
import static com.tokyoia.lake.domain.schema.LakeType.UUID;

import java.util.List;
import java.util.Optional;

/**
 * The one definition of every table exported to the lake. Extract SQL, the Parquet schema, the
 * Glue/Trino/DuckDB DDL and Terraform's table columns are all derived from it, and a test checks
 * it against the live PostgreSQL tables so a migration cannot drift from the lake silently.
 * Bookkeeping columns (version, ingested_at) stay out of the lake.
 */
public final class LakeSchemaRegistry {
    public static final LakeTable WORKFLOWS = new LakeTable("workflows", "created_at", List.of(
            required("id", UUID),
            required("name", STRING),
            optional("agent_id", UUID),
            required("status", ENUM),
            required("created_at", TIMESTAMP),
            optional("started_at", TIMESTAMP),
            optional("finished_at", TIMESTAMP),
            optional("error_message", STRING),
            required("updated_at", TIMESTAMP)));

    public static final LakeTable AGENT_TASKS = new LakeTable("agent_tasks", "created_at", List.of(
            required("id", UUID),
            required("workflow_id", UUID),
            required("agent_id", UUID),
            required("task_type", STRING),
            required("status", ENUM),
            required("created_at", TIMESTAMP),
            optional("started_at", TIMESTAMP),
            optional("completed_at", TIMESTAMP),
            optional("tokens_input", INT32),
            optional("tokens_output", INT32),
            decimal("cost_usd", 14, 6, true),
            optional("latency_ms", INT32),
            optional("error_message", STRING),
            required("updated_at", TIMESTAMP)));

    public static final LakeTable AGENT_METRICS = new LakeTable("agent_metrics", "recorded_at", List.of(
            required("id", INT64),
            required("agent_id", UUID),
            required("metric_name", STRING),
            required("metric_value", DOUBLE),
            optional("unit", STRING),
            required("recorded_at", TIMESTAMP)));

    public static final LakeTable AGENT_INTERACTIONS = new LakeTable("agent_interactions", "occurred_at", List.of(
            required("id", INT64),
            optional("workflow_id", UUID),
            required("from_agent_id", UUID),
            required("to_agent_id", UUID),
            required("kind", ENUM),
            optional("tokens", INT32),
            optional("latency_ms", INT32),
            required("occurred_at", TIMESTAMP)));

    public static final LakeTable USER_SESSIONS = new LakeTable("user_sessions", "started_at", List.of(
            required("id", UUID),
            required("user_id", STRING),
            optional("client", STRING),
            required("status", ENUM),
            required("started_at", TIMESTAMP),
            required("last_heartbeat_at", TIMESTAMP),
            optional("ended_at", TIMESTAMP),
            required("updated_at", TIMESTAMP)));

    /**
     * Who changed what (agents, workflows); exported like the others so it can leave PostgreSQL
     * after the hot window without being lost.
     */
    public static final LakeTable AUDIT_LOG = new LakeTable("audit_log", "occurred_at", List.of(
            required("id", INT64),
            required("occurred_at", TIMESTAMP),
            required("actor", STRING),
            required("action", STRING),
            required("entity_type", STRING),
            required("entity_id", STRING),
            optional("details", STRING)));

    private static final List<LakeTable> TABLES =
            List.of(WORKFLOWS, AGENT_TASKS, AGENT_METRICS, AGENT_INTERACTIONS, USER_SESSIONS, AUDIT_LOG);

    private LakeSchemaRegistry() {
    }

    public static List<LakeTable> tables() {
        return TABLES;
    }

    public static Optional<LakeTable> table(String name) {
        return TABLES.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}

package com.tokyoia.web.interfaces.rest;

/**
 * One example body per request type, for the OpenAPI document (clients and Swagger UI start from
 * them). OpenApiDocumentIT checks each against its operation's request schema.
 */
final class RequestExamples {
    static final String AGENT = """
            {"name": "planner-eu-1", "role": "planner", "model": "gpt-4o", "status": "ACTIVE", "description": "Plans the EU workflows"}""";
    static final String WORKFLOW = """
            {"name": "quarterly-report", "agentId": "3f0e6c1a-2b4d-4e8f-9a1b-5c6d7e8f9a0b"}""";
    static final String TRANSITION = """
            {"status": "FAILED", "errorMessage": "upstream model timed out"}""";
    static final String TASK = """
            {"workflowId": "7b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e", "agentId": "3f0e6c1a-2b4d-4e8f-9a1b-5c6d7e8f9a0b", "taskType": "summarize"}""";
    static final String TASK_OUTCOME = """
            {"tokensInput": 1200, "tokensOutput": 350, "costUsd": 0.0042, "latencyMs": 1830}""";
    static final String METRICS = """
            {"points": [
              {"agentId": "3f0e6c1a-2b4d-4e8f-9a1b-5c6d7e8f9a0b", "name": "latency", "value": 182.5, "unit": "ms", "recordedAt": "2026-11-27T09:15:00Z"},
              {"agentId": "3f0e6c1a-2b4d-4e8f-9a1b-5c6d7e8f9a0b", "name": "queue_depth", "value": 4, "recordedAt": "2026-11-27T09:15:00Z"}]}""";
    static final String INTERACTIONS = """
            {"interactions": [
              {"workflowId": "7b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e", "fromAgentId": "3f0e6c1a-2b4d-4e8f-9a1b-5c6d7e8f9a0b",
               "toAgentId": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "kind": "DELEGATION", "tokens": 640, "latencyMs": 95,
               "occurredAt": "2026-11-27T09:15:02Z"}]}""";
    static final String SESSION = """
            {"userId": "user-4711", "client": "dashboard"}""";
    static final String DAYS = """
            {"from": "2026-11-01", "to": "2026-11-07", "tables": "agent_tasks,agent_metrics"}""";
    static final String MIGRATION = """
            {"target": "s3://tokyo-ia-lake/lake", "catalog": "trino"}""";
    static final String PUBLISH = """
            {"from": "2026-01-01", "to": "2026-11-26"}""";
    static final String SCRUB = """
            {"from": "2026-01-01", "to": "2026-01-31"}""";
    static final String RESTORE = """
            {"from": "2026-03-01", "to": "2026-03-31", "tables": "agent_tasks", "tier": "BULK", "days": 7}""";

    private RequestExamples() {
    }
}

package com.tokyoia.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.it.fuzz.HostileValues;
import com.tokyoia.it.fuzz.JaxRsOperations;
import com.tokyoia.it.fuzz.Schemas;
import com.tokyoia.platform.time.SystemTime;
import com.tokyoia.testing.Http;
import com.tokyoia.testing.Http.Reply;
import com.tokyoia.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fuzz suite, generated from the service's own OpenAPI document: for every documented
 * operation, hostile path and query values, hostile whole bodies, and field-by-field mutations of a
 * valid body (empty, huge, control characters including U+0000, invalid UTF-8, lone surrogates,
 * SQL and template injection, wrong types, deep nesting, out-of-range numbers and dates). Never a
 * 5xx; every refusal is problem+json; a body the document itself calls invalid is refused and
 * changes no table (a content fingerprint per table) and starts no batch job. The operations are
 * found by reflection over the JAX-RS resources and must all be in the document.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FuzzIT {
    private static final List<String> WATCHED = List.of("agents", "workflows", "agent_tasks", "agent_metrics",
            "agent_interactions", "user_sessions", "export_manifest", "audit_log", "analytics_query_log");
    private static JsonObject document;
    private static Schemas schemas;
    private static final Map<String, String> IDS = new LinkedHashMap<>();

    /** One request the suite sends, and what the document says about it. */
    record Probe(String method, String path, String query, byte[] body, boolean documentSaysInvalid, String why) {
        String describe() {
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            return method + " " + abbreviate(path) + (query.isEmpty() ? "" : "?" + abbreviate(query)) + " [" + why + "] "
                    + abbreviate(text);
        }
    }

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.builtEar();
    }

    @BeforeAll
    static void documentAndRows() throws Exception {
        Reply openapi = Http.get("/openapi?format=JSON");
        assertThat(openapi.status()).as(openapi.body()).isEqualTo(200);
        try (JsonReader reader = Json.createReader(new StringReader(openapi.body()))) {
            document = reader.readObject();
        }
        String agent = Http.post("/api/agents", "{\"name\":\"fuzz-" + System.nanoTime() + "\",\"role\":\"r\",\"model\":\"m\"}")
                .json().getString("id");
        String workflow = Http.post("/api/workflows", "{\"name\":\"fuzz\",\"agentId\":\"" + agent + "\"}").json().getString("id");
        Http.post("/api/workflows/" + workflow + "/status", "{\"status\":\"RUNNING\"}");
        String task = Http.post("/api/tasks", "{\"workflowId\":\"" + workflow + "\",\"agentId\":\"" + agent
                + "\",\"taskType\":\"fuzz\"}").json().getString("id");
        String session = Http.post("/api/sessions", "{\"userId\":\"fuzz\"}").json().getString("id");
        IDS.putAll(Map.of("agentId", agent, "fromAgentId", agent, "toAgentId", agent, "workflowId", workflow, "taskId", task,
                "sessionId", session, "status", "RUNNING", "kind", "REQUEST", "name", "latency_ms", "tables", "agent_tasks"));
        schemas = new Schemas(document, IDS);
    }

    @Test
    @Order(1)
    void everyJaxRsOperationIsInTheOpenApiDocument() throws Exception {
        TreeSet<String> declared = JaxRsOperations.in("com.tokyoia.web.interfaces.rest");
        assertThat(declared).as("operations found by reflection").hasSizeGreaterThan(25);
        assertThat(documented()).as("every JAX-RS operation is documented (and nothing else is)").isEqualTo(declared);
    }

    @Test
    @Order(2)
    void bodiesTheDocumentCallsInvalidAreRefusedAsProblemsAndChangeNothing() throws Exception {
        List<Probe> probes = new ArrayList<>();
        forEachOperation((method, path, operation) -> probes.addAll(bodyProbes(method, path, operation, true)));
        assertThat(probes).as("refusable body probes").hasSizeGreaterThan(500);
        awaitQuietAuditLog();
        Map<String, String> before = TestDatabase.fingerprints(WATCHED);
        long jobs = jobs();
        List<String> failures = new ArrayList<>();
        for (Probe probe : probes) {
            Reply reply = send(probe);
            if (reply.status() < 400 || reply.status() >= 500) {
                failures.add(reply.status() + " for " + probe.describe() + " -> " + abbreviate(reply.body()));
            } else {
                checkProblem(probe, reply, failures);
            }
        }
        report("fuzz-invalid-bodies.txt", failures);
        assertThat(failures).as(failures.size() + " of " + probes.size() + " invalid bodies were not refused as problems "
                + "(all in target/fuzz-invalid-bodies.txt); first ones").isEmpty();
        assertThat(TestDatabase.fingerprints(WATCHED)).as("no table changed").isEqualTo(before);
        assertThat(jobs()).as("no batch job started").isEqualTo(jobs);
    }

    @Test
    @Order(3)
    void hostilePathsQueriesAndBodiesNeverGiveAServerErrorAndRefusalsAreProblems() throws Exception {
        List<Probe> probes = new ArrayList<>();
        forEachOperation((method, path, operation) -> {
            probes.addAll(parameterProbes(method, path, operation));
            probes.addAll(bodyProbes(method, path, operation, false));
        });
        assertThat(probes).hasSizeGreaterThan(1000);
        List<String> failures = new ArrayList<>();
        for (Probe probe : probes) {
            long jobs = probe.method().equals("POST") && probe.path().startsWith("/api/etl") ? jobs() : -1;
            Reply reply = send(probe);
            if (reply.status() >= 500) {
                failures.add(reply.status() + " for " + probe.describe() + " -> " + abbreviate(reply.body()));
            } else if (reply.status() >= 400) {
                checkProblem(probe, reply, failures);
                if (jobs >= 0 && jobs() != jobs) {
                    failures.add("a refused request started a job: " + probe.describe());
                }
            }
        }
        report("fuzz-hostile-requests.txt", failures);
        assertThat(failures).as(failures.size() + " of " + probes.size() + " hostile requests misbehaved "
                + "(all in target/fuzz-hostile-requests.txt); first ones").isEmpty();
    }

    @FunctionalInterface
    private interface OperationVisitor {
        void visit(String method, String path, JsonObject operation) throws Exception;
    }

    private static void forEachOperation(OperationVisitor visitor) throws Exception {
        for (Map.Entry<String, JsonValue> path : document.getJsonObject("paths").entrySet()) {
            for (Map.Entry<String, JsonValue> operation : path.getValue().asJsonObject().entrySet()) {
                if (List.of("get", "post", "put", "delete", "patch").contains(operation.getKey())) {
                    visitor.visit(operation.getKey().toUpperCase(), path.getKey(), operation.getValue().asJsonObject());
                }
            }
        }
    }

    private static TreeSet<String> documented() throws Exception {
        TreeSet<String> operations = new TreeSet<>();
        forEachOperation((method, path, operation) -> operations.add(method + " " + JaxRsOperations.normalize(path)));
        return operations;
    }

    /** Field-by-field mutations and hostile whole bodies; {@code invalidOnly} keeps those the document calls invalid. */
    private static List<Probe> bodyProbes(String method, String path, JsonObject operation, boolean invalidOnly) {
        List<Probe> probes = new ArrayList<>();
        JsonObject schema = bodySchema(operation);
        String target = fill(path, Map.of());
        String query = baseQuery(path, operation);
        if (schema == null) {
            if (!invalidOnly && !method.equals("GET")) {
                HostileValues.bodies().forEach(b -> probes.add(new Probe(method, target, query, b, false, "unexpected body")));
            }
            return probes;
        }
        if (invalidOnly) {
            HostileValues.bodies().forEach(b -> probes.add(new Probe(method, target, query, b, true, "not a request body")));
            probes.add(new Probe(method, target, query, null, true, "no body"));
            probes.add(new Probe(method, target, query, new byte[6 * 1024 * 1024], true, "over the size limit"));
        }
        JsonValue valid = schemas.example(schema, "");
        for (List<Object> field : schemas.fieldPaths(schema)) {
            List<JsonValue> replacements = new ArrayList<>(HostileValues.json());
            replacements.add(null);
            for (JsonValue replacement : replacements) {
                JsonValue mutated = Schemas.with(valid, field, replacement);
                boolean invalid = !schemas.valid(mutated, schema);
                if (invalid == invalidOnly) {
                    probes.add(new Probe(method, target, query, utf8(mutated), invalid,
                            field + " = " + (replacement == null ? "(absent)" : abbreviate(replacement.toString()))));
                }
            }
        }
        return probes;
    }

    /** Each path and query parameter replaced by each hostile value, the others at plausible values. */
    private static List<Probe> parameterProbes(String method, String path, JsonObject operation) {
        List<Probe> probes = new ArrayList<>();
        JsonValue body = bodySchema(operation) == null ? null : schemas.example(bodySchema(operation), "");
        byte[] bytes = body == null ? null : utf8(body);
        for (JsonValue p : operation.getJsonArray("parameters") == null ? List.<JsonValue>of() : operation.getJsonArray("parameters")) {
            if (p.asJsonObject().containsKey("$ref")) {
                continue; // the shared Idempotency-Key header: IdempotencyIT sends it malformed
            }
            String name = p.asJsonObject().getString("name");
            String in = p.asJsonObject().getString("in");
            for (String hostile : HostileValues.strings()) {
                if (in.equals("path")) {
                    probes.add(new Probe(method, fill(path, Map.of(name, encode(hostile))), baseQuery(path, operation), bytes, false,
                            "path " + name + " = " + abbreviate(hostile)));
                } else if (in.equals("query")) {
                    Map<String, String> query = new LinkedHashMap<>(queryValues(path, operation));
                    query.put(name, hostile);
                    probes.add(new Probe(method, fill(path, Map.of()), query(query), bytes, false,
                            "query " + name + " = " + abbreviate(hostile)));
                }
            }
            for (String raw : List.of("%00", "%C3%28", "%FF", "%2e%2e%2f%2e%2e%2f")) {
                if (in.equals("path")) {
                    probes.add(new Probe(method, fill(path, Map.of(name, raw)), baseQuery(path, operation), bytes, false,
                            "path " + name + " raw " + raw));
                } else if (in.equals("query")) {
                    probes.add(new Probe(method, fill(path, Map.of()), name + "=" + raw, bytes, false, "query " + name + " raw " + raw));
                }
            }
        }
        return probes;
    }

    /** The JSON text as UTF-8, lone surrogates written as escapes ("\\ud800") so they arrive as sent. */
    private static byte[] utf8(JsonValue json) {
        String text = json.toString();
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                escaped.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObject bodySchema(JsonObject operation) {
        JsonObject body = operation.getJsonObject("requestBody");
        if (body == null || body.getJsonObject("content") == null) {
            return null;
        }
        JsonObject json = body.getJsonObject("content").getJsonObject("application/json");
        return json == null ? null : json.getJsonObject("schema");
    }

    /** The path with its parameters at rows that exist (or {@code overrides}). */
    private static String fill(String path, Map<String, String> overrides) {
        String filled = path;
        for (String name : List.of("id", "table", "day", "name")) {
            String value = overrides.containsKey(name) ? overrides.get(name) : switch (name) {
                case "id" -> path.contains("/agents") ? IDS.get("agentId") : path.contains("/workflows") ? IDS.get("workflowId")
                        : path.contains("/tasks") ? IDS.get("taskId") : path.contains("/sessions") ? IDS.get("sessionId") : "1";
                case "table" -> "agent_tasks";
                case "day" -> "2019-01-02";
                default -> "task_throughput";
            };
            filled = filled.replace("{" + name + "}", value);
        }
        return filled;
    }

    /** Plausible values for the query parameters an operation requires. */
    private static Map<String, String> queryValues(String path, JsonObject operation) {
        Map<String, String> values = new LinkedHashMap<>();
        boolean days = path.contains("/analytics") || path.contains("/etl") || path.contains("/costs");
        Instant now = SystemTime.clock().instant();
        if (path.contains("/analytics/")) {
            values.put("from", "2019-01-01");
            values.put("to", "2019-01-03");
        } else if (path.equals("/api/metrics") || path.equals("/api/interactions")) {
            values.put("from", days ? "2019-01-01" : now.minusSeconds(86_400).toString());
            values.put("to", days ? "2019-01-03" : now.plusSeconds(60).toString());
        }
        return values;
    }

    private static String baseQuery(String path, JsonObject operation) {
        return query(queryValues(path, operation));
    }

    private static String query(Map<String, String> values) {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The reply, or a made-up 599 when the server did not answer in time (a hang is a failure too). */
    private static Reply send(Probe probe) {
        try {
            return sendOnce(probe);
        } catch (UncheckedIOException e) {
            return new Reply(599, "", "no answer: " + e.getCause(), null);
        }
    }

    private static Reply sendOnce(Probe probe) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Http.APP + probe.path()
                + (probe.query().isEmpty() ? "" : "?" + probe.query())));
        HttpRequest.BodyPublisher body = probe.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(probe.body());
        if (probe.body() != null) {
            request.header("Content-Type", "application/json");
        }
        return Http.send(request.method(probe.method(), body));
    }

    private static void checkProblem(Probe probe, Reply reply, List<String> failures) {
        if (!reply.contentType().startsWith("application/problem+json")) {
            failures.add(reply.status() + " without problem+json (" + reply.contentType() + ") for " + probe.describe()
                    + " -> " + abbreviate(reply.body()));
            return;
        }
        JsonObject problem;
        try {
            problem = reply.json();
        } catch (RuntimeException e) {
            failures.add("unreadable problem for " + probe.describe() + ": " + abbreviate(reply.body()));
            return;
        }
        if (problem.getInt("status", -1) != reply.status() || problem.getString("title", "").isBlank()
                || reply.body().contains("\tat ") || reply.body().contains(".java:")) {
            failures.add("malformed problem for " + probe.describe() + ": " + abbreviate(reply.body()));
        }
    }

    /** Every failure in a file under target/, and at most ten kept for the assertion message. */
    private static void report(String file, List<String> failures) throws IOException {
        // Lone surrogates (probes send them) cannot be written as UTF-8.
        Files.write(Path.of("target", file), failures.stream().map(f -> f.replaceAll("[\\uD800-\\uDFFF]", "?")).toList(),
                StandardCharsets.UTF_8);
        if (failures.size() > 10) {
            failures.subList(10, failures.size()).clear();
        }
    }

    private static long jobs() throws Exception {
        return TestDatabase.count("SELECT count(*) FROM job_execution");
    }

    /** Audit lines are written after commit, off the request thread: wait until none is pending. */
    private static void awaitQuietAuditLog() throws Exception {
        long last = -1;
        for (int i = 0; i < 40; i++) {
            long now = TestDatabase.count("SELECT count(*) FROM audit_log");
            if (now == last) {
                return;
            }
            last = now;
            Thread.sleep(250);
        }
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("[\\x00-\\x1F]", "?");
        return flat.length() > 120 ? flat.substring(0, 120) + "...(" + flat.length() + " chars)" : flat;
    }
}

package com.tokyoia.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.testing.Http;
import com.tokyoia.testing.contract.ApiContract;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenAPI document the server serves at /openapi: Redocly CLI's recommended rules find no
 * error in it (the rules turned off are in src/test/resources/redocly.yaml, each with its reason),
 * and every operation says what it answers: a stable operationId, a summary, its success code and
 * the problem+json errors it can give, typed parameters.
 */
@Tag(ClockIndependent.TAG)
@ExtendWith(ArquillianExtension.class)
class OpenApiDocumentIT {
    static final Path DOCUMENT = Path.of("target/openapi.json");
    static JsonObject openApi;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.builtEar();
    }

    @BeforeAll
    static void fetch() throws Exception {
        Http.Reply reply = Http.get(Http.APP + "/openapi?format=JSON");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        Files.writeString(DOCUMENT, reply.body());
        openApi = Json.createReader(new StringReader(reply.body())).readObject();
    }

    @Test
    void redoclysRecommendedRulesFindNoError() throws Exception {
        Path redocly = Path.of(System.getProperty("tokyoia.test.redocly",
                Path.of(System.getProperty("user.home"), ".cache/tokyo-ia/redocly-2.77.0/node_modules/.bin/redocly").toString()));
        assertThat(redocly).as("Redocly CLI: run the tests with ./tokyo-ia test, which installs it from npm, or pass "
                + "-Dtokyoia.test.redocly=PATH").isExecutable();
        Process lint = new ProcessBuilder(redocly.toString(), "lint", "--config", "src/test/resources/redocly.yaml",
                "--max-problems", "500", DOCUMENT.toString()).redirectErrorStream(true).start();
        String report = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Files.writeString(Path.of("target/openapi-lint.txt"), report);
        assertThat(lint.exitValue()).as(report).isZero();
    }

    /**
     * The document the build wrote (smallrye-open-api-maven-plugin in the web module), from which
     * the api-client module generates its client and against which every test's answers are
     * checked, is the one the server serves.
     */
    @Test
    void theServedDocumentIsTheOneTheBuildWrote() throws Exception {
        Path built = Path.of(System.getProperty("tokyoia.test.openapi"));
        JsonObject written = Json.createReader(new StringReader(Files.readString(built))).readObject();
        assertThat(written.getJsonObject("paths").keySet()).isEqualTo(openApi.getJsonObject("paths").keySet());
        assertThat(written.getJsonObject("components")).isEqualTo(openApi.getJsonObject("components"));
        assertThat(written).isEqualTo(openApi);
    }

    @Test
    void everyRequestBodyHasAnExampleThatItsSchemaAccepts() {
        assertThat(ApiContract.of(Path.of(System.getProperty("tokyoia.test.openapi"))).requestExampleViolations()).isEmpty();
    }

    /** A parameter as written, or the shared one its $ref names. */
    private static JsonObject resolved(JsonObject parameter) {
        String ref = parameter.getString("$ref", null);
        if (ref == null) {
            return parameter;
        }
        assertThat(ref).startsWith("#/components/parameters/");
        JsonObject shared = openApi.getJsonObject("components").getJsonObject("parameters")
                .getJsonObject(ref.substring("#/components/parameters/".length()));
        assertThat(shared).as(ref).isNotNull();
        return shared;
    }

    @Test
    void everyOperationHasAnIdASummaryItsSuccessAndItsProblems() {
        assertThat(openApi.getJsonObject("info").getString("version")).isEqualTo(System.getProperty("tokyoia.test.version"));
        assertThat(openApi.getJsonArray("servers")).isNotEmpty();
        Set<String> ids = new HashSet<>();
        List<String> operations = new ArrayList<>();
        openApi.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().forEach((method, value) -> {
            if (!List.of("get", "post", "put", "delete").contains(method)) {
                return;
            }
            JsonObject operation = value.asJsonObject();
            String name = method.toUpperCase() + " " + path;
            operations.add(name);
            assertThat(operation.getString("operationId", "")).as(name).isNotBlank();
            assertThat(ids.add(operation.getString("operationId"))).as(name + ": operationId unique").isTrue();
            assertThat(operation.getString("summary", "")).as(name).isNotBlank();
            assertThat(operation.getJsonArray("tags")).as(name).isNotEmpty();
            JsonObject responses = operation.getJsonObject("responses");
            assertThat(responses.keySet()).as(name).anyMatch(code -> code.startsWith("2")).contains("401", "403", "500", "503");
            if (operation.containsKey("parameters")) {
                for (JsonValue parameter : operation.getJsonArray("parameters")) {
                    assertThat(resolved(parameter.asJsonObject()).getJsonObject("schema")).as(name + " " + parameter).isNotNull();
                }
                assertThat(responses.keySet()).as(name + " takes parameters").contains("400");
            }
        }));
        assertThat(operations).hasSizeGreaterThanOrEqualTo(48);
        assertThat(openApi.getJsonArray("security").toString()).isEqualTo("[{\"basic\":[]}]");
        assertThat(openApi.getJsonObject("components").getJsonObject("securitySchemes").getJsonObject("basic").getString("scheme"))
                .isEqualTo("basic");

        assertThat(responseCodes("/api/agents", "post")).contains("201", "400", "409", "413", "415");
        assertThat(responseCodes("/api/metrics", "post")).contains("202", "400", "413");
        assertThat(responseCodes("/api/analytics/{name}", "get")).contains("200", "400", "404", "409", "422", "429", "502");
        assertThat(responseCodes("/api/etl/backfill", "post")).contains("202", "400", "409");
        JsonObject problem = openApi.getJsonObject("components").getJsonObject("responses").getJsonObject("BadRequest")
                .getJsonObject("content");
        assertThat(problem.keySet()).containsExactly("application/problem+json");
    }

    private static Set<String> responseCodes(String path, String method) {
        return openApi.getJsonObject("paths").getJsonObject(path).getJsonObject(method).getJsonObject("responses").keySet();
    }
}

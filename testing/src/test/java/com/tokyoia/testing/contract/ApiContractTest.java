package com.tokyoia.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract check on a small document: what it lets through and each thing it catches. */
class ApiContractTest {
    static ApiContract contract;

    @BeforeAll
    static void document(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("openapi.json");
        Files.writeString(file, """
                {"openapi":"3.1.0","info":{"title":"t","version":"1"},
                 "paths":{
                  "/api/agents/{id}":{"get":{"responses":{
                     "200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Agent"}}}},
                     "404":{"$ref":"#/components/responses/NotFound"}}}},
                  "/api/agents/count":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":
                     {"schema":{"type":"integer"}}}}}}},
                  "/api/jobs":{"post":{"requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Agent"},
                     "examples":{"good":{"value":{"id":"0b8d3c5e-4f7a-4d41-9a3e-6f1f7f0c2a11","name":"a"}},
                                 "extra":{"value":{"id":"0b8d3c5e-4f7a-4d41-9a3e-6f1f7f0c2a11","name":"a","owner":"b"}}}}}},
                     "responses":{"202":{"description":"started"}}}},
                  "/api/agents":{"post":{"requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Agent"}}}},
                     "responses":{"201":{"description":"created"}}}}},
                 "components":{
                  "schemas":{
                   "Agent":{"type":"object","required":["id","name"],"properties":{"id":{"type":"string","format":"uuid"},
                     "name":{"type":"string"},"tags":{"type":"array","items":{"type":"string"}}}},
                   "Problem":{"type":"object","required":["status"],"properties":{"status":{"type":"integer"},"title":{"type":"string"}}}},
                  "responses":{"NotFound":{"description":"no","content":{"application/problem+json":
                     {"schema":{"$ref":"#/components/schemas/Problem"}}}}}}}
                """);
        contract = ApiContract.of(file);
    }

    private static String check(String method, String path, int status, String type, String body) {
        return contract.violation(method, URI.create("http://127.0.0.1:8180" + path), status, type, body).orElse(null);
    }

    @Test
    void documentedAnswersPass() {
        String id = "/api/agents/0b8d3c5e-4f7a-4d41-9a3e-6f1f7f0c2a11";
        assertThat(check("GET", id, 200, "application/json", "{\"id\":\"0b8d3c5e-4f7a-4d41-9a3e-6f1f7f0c2a11\",\"name\":\"a\"}")).isNull();
        assertThat(check("GET", id, 404, "application/problem+json;charset=UTF-8", "{\"status\":404,\"title\":\"Not Found\"}")).isNull();
        assertThat(check("GET", "/api/agents/count", 200, "application/json", "3")).as("the literal path wins over {id}").isNull();
        assertThat(check("POST", "/api/jobs", 202, "", "")).isNull();
    }

    @Test
    void whatIsNotTheDocumentsBusinessPasses() {
        assertThat(check("GET", "/dashboard/index.html", 200, "text/html", "<html>")).isNull();
        assertThat(check("GET", "/api/nothing-here", 404, "application/problem+json", "{\"status\":404}")).isNull();
        assertThat(check("DELETE", "/api/jobs", 405, "application/problem+json", "{\"status\":405}")).isNull();
    }

    @Test
    void catchesAnUndocumentedStatus() {
        assertThat(check("GET", "/api/agents/x", 409, "application/problem+json", "{\"status\":409}")).contains("409").contains("does not document");
    }

    @Test
    void catchesAFieldTheDocumentDoesNotName() {
        assertThat(check("GET", "/api/agents/x", 200, "application/json", "{\"id\":\"0b8d3c5e-4f7a-4d41-9a3e-6f1f7f0c2a11\",\"name\":\"a\",\"isProven\":true}"))
                .contains("isProven");
    }

    @Test
    void catchesAWrongTypeAMissingFieldAndABadFormat() {
        assertThat(check("GET", "/api/agents/x", 200, "application/json", "{\"id\":\"0b8d3c5e-4f7a-4d41-9a3e-6f1f7f0c2a11\",\"name\":7}"))
                .contains("name");
        assertThat(check("GET", "/api/agents/x", 200, "application/json", "{\"id\":\"0b8d3c5e-4f7a-4d41-9a3e-6f1f7f0c2a11\"}"))
                .contains("name");
        assertThat(check("GET", "/api/agents/x", 200, "application/json", "{\"id\":\"not-a-uuid\",\"name\":\"a\"}")).contains("id");
        assertThat(check("GET", "/api/agents/x", 404, "application/problem+json", "{\"title\":\"Not Found\"}")).contains("status");
    }

    @Test
    void catchesAnUndocumentedMediaTypeOrBody() {
        assertThat(check("GET", "/api/agents/x", 404, "text/html", "<h1>Not Found</h1>")).contains("text/html");
        assertThat(check("POST", "/api/jobs", 202, "application/json", "{\"id\":1}")).contains("documents no body");
        assertThat(check("GET", "/api/agents/x", 200, "application/json", "")).contains("has none");
    }

    @Test
    void checksTheRequestExamplesAndWantsOneForEveryBody() {
        assertThat(contract.requestExampleViolations()).hasSize(2)
                .anySatisfy(v -> assertThat(v).startsWith("POST /api/jobs example extra").contains("owner"))
                .anySatisfy(v -> assertThat(v).isEqualTo("POST /api/agents (application/json) gives no request example"));
    }

    @Test
    void catchesASuccessOnAPathOrMethodTheDocumentDoesNotHave() {
        assertThat(check("GET", "/api/secret", 200, "application/json", "{}")).contains("no such path");
        assertThat(check("PUT", "/api/jobs", 200, "application/json", "{}")).contains("no such operation");
    }
}

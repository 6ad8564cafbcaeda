package com.tokyoia.it;

import com.tokyoia.testing.Http;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads MicroProfile Health answers: each check by name. */
final class Health {
    private Health() {
    }

    static Map<String, JsonObject> checks(Http.Reply reply) {
        Map<String, JsonObject> checks = new LinkedHashMap<>();
        for (JsonValue check : reply.json().getJsonArray("checks")) {
            checks.put(check.asJsonObject().getString("name"), check.asJsonObject());
        }
        return checks;
    }

    static String state(Map<String, JsonObject> checks, String name) {
        return checks.get(name).getString("status");
    }

    /** The test server's local lake directory, as its readiness check names it. */
    static Path lakeRoot() {
        String detail = checks(Http.get(Http.MANAGEMENT + "/health/ready")).get("lake-store").getJsonObject("data").getString("detail");
        return Path.of(detail.substring("directory ".length()));
    }
}

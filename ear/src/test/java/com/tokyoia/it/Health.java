package com.tokyoia.it;

import com.tokyoia.testing.Http;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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
}

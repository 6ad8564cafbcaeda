package com.tokyoia.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.platform.time.SystemTime;
import com.tokyoia.testing.Http;
import com.tokyoia.testing.Http.Reply;
import com.tokyoia.testing.Http.User;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each analytics question is logged with the user who asked it and the user's budget group; admins see who spent what. */
@ExtendWith(ArquillianExtension.class)
class CostAttributionIT {
    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.builtEar();
    }

    @Test
    void everyQuestionCountsForTheUserWhoAskedIt() {
        LocalDate today = LocalDate.now(SystemTime.clock());
        String range = "from=" + today + "&to=" + today.plusDays(1);
        // Counted over three days around today, so that a run across midnight counts the same questions.
        String counted = "from=" + today.minusDays(1) + "&to=" + today.plusDays(2);
        long analystBefore = queries(User.ANALYST, counted);
        long viewerBefore = queries(User.VIEWER, counted);
        long researchBefore = queries("by-group", "group", "it-research", counted);

        for (int i = 0; i < 2; i++) {
            Reply answer = Http.get(User.ANALYST, "/api/analytics/task_throughput?" + range);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        }
        Reply viewed = Http.get(User.VIEWER, "/api/analytics/task_throughput?" + range);
        assertThat(viewed.status()).as(viewed.body()).isEqualTo(200);

        assertThat(queries(User.ANALYST, counted)).isEqualTo(analystBefore + 2);
        assertThat(queries(User.VIEWER, counted)).isEqualTo(viewerBefore + 1);
        assertThat(queries("by-group", "group", "it-research", counted)).as("the analyst's group (its realm attribute)")
                .isEqualTo(researchBefore + 2);
        Reply asAnalyst = Http.get(User.ANALYST, "/api/costs/by-user?" + range);
        assertThat(asAnalyst.status()).as("only admins see what others spent").isEqualTo(403);
        Reply reversed = Http.get("/api/costs/by-user?from=" + today.plusDays(1) + "&to=" + today);
        assertThat(reversed.status()).as(reversed.body()).isEqualTo(400);
    }

    private static long queries(User user, String range) {
        return queries("by-user", "user", user.name(), range);
    }

    private static long queries(String view, String field, String name, String range) {
        Reply reply = Http.get("/api/costs/" + view + "?" + range);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonArray rows;
        try (JsonReader reader = Json.createReader(new StringReader(reply.body()))) {
            rows = reader.readArray();
        }
        Optional<JsonObject> row = rows.stream().map(JsonValue::asJsonObject).filter(r -> r.getString(field).equals(name)).findFirst();
        row.ifPresent(r -> assertThat(r.getJsonNumber("costUsd").bigDecimalValue().signum()).isNotNegative());
        return row.map(r -> r.getJsonNumber("queries").longValue()).orElse(0L);
    }
}

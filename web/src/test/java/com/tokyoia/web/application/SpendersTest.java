package com.tokyoia.web.application;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SpendersTest {
    private static String jwt(String claims) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    @Test
    void theGroupIsTheClaimsStringOrTheFirstOfItsArray() {
        assertThat(Spenders.firstValue(Spenders.claims(jwt("{\"groups\":\"research\"}")).get("groups"))).isEqualTo("research");
        assertThat(Spenders.firstValue(Spenders.claims(jwt("{\"groups\":[\"ops\",\"research\"]}")).get("groups"))).isEqualTo("ops");
    }

    @Test
    void noUsableClaimMeansNoGroup() {
        assertThat(Spenders.firstValue(Spenders.claims(jwt("{\"sub\":\"x\"}")).get("groups"))).isNull();
        assertThat(Spenders.firstValue(Spenders.claims(jwt("{\"groups\":[]}")).get("groups"))).isNull();
        assertThat(Spenders.firstValue(Spenders.claims(jwt("{\"groups\":[7]}")).get("groups"))).isNull();
        assertThat(Spenders.firstValue(Json.createValue(7))).isNull();
        assertThat(Spenders.claims("not-a-token")).isEmpty();
        assertThat(Spenders.claims("a.%%%.c")).isEmpty();
    }
}

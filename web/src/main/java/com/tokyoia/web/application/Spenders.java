package com.tokyoia.web.application;

import com.tokyoia.analytics.application.Spender;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.core.SecurityContext;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.wildfly.security.auth.server.SecurityDomain;
import org.wildfly.security.auth.server.SecurityIdentity;
import org.wildfly.security.authz.Attributes;
import org.wildfly.security.credential.BearerTokenCredential;

/**
 * Who pays for an analytics question: the caller, and the budget group its identity names in the
 * attribute tokyoia.api.group-attribute. Read from Elytron's current identity, because Jakarta
 * Security exposes roles, not attributes: the local realm's attribute, else the claim of that name
 * in the OIDC access token the identity carries (elytron-oidc-client verified it; it keeps only
 * roles as attributes, and its own claim API sits in a module WildFly marks private).
 */
@ApplicationScoped
public class Spenders {
    /** Looked up once: {@code Json.createReader} runs a ServiceLoader lookup on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();
    @Inject
    ApiSettings settings;

    public Spender of(SecurityContext security) {
        return new Spender(security.getUserPrincipal().getName(), group());
    }

    private String group() {
        SecurityDomain domain = SecurityDomain.getCurrent();
        SecurityIdentity identity = domain == null ? null : domain.getCurrentSecurityIdentity();
        if (identity == null) {
            return null;
        }
        Attributes.Entry values = identity.getAttributes().get(settings.groupAttribute());
        if (values != null && !values.isEmpty()) {
            return values.get(0);
        }
        BearerTokenCredential token = identity.getPrivateCredentials().getCredential(BearerTokenCredential.class);
        return token == null ? null : firstValue(claims(token.getToken()).get(settings.groupAttribute()));
    }

    static JsonObject claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (JsonReader reader = JSON.createReader(new StringReader(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    /** A claim's value as a group: a string, or the first string of an array. */
    static String firstValue(JsonValue claim) {
        if (claim instanceof JsonString text) {
            return text.getString();
        }
        if (claim instanceof JsonArray array && !array.isEmpty() && array.get(0) instanceof JsonString first) {
            return first.getString();
        }
        return null;
    }
}

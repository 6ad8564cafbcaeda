package com.tokyoia.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An OpenID Connect provider inside the test JVM, for tests without internet: the JDK's HTTP server
 * publishes the discovery document and the signing key (JWKS), and the test mints access tokens
 * signed with that key (or, to be refused, with another), in the shape Keycloak gives them
 * (roles under realm_access.roles).
 */
final class TestIssuer implements AutoCloseable {
    private final HttpServer server;
    private final RSAKey key;
    private final String url;

    private TestIssuer(HttpServer server, RSAKey key, String url) {
        this.server = server;
        this.key = key;
        this.url = url;
    }

    static TestIssuer start() throws IOException, JOSEException {
        // "use": "sig" — providers mark their signing keys so, and the client ignores keys that are not.
        RSAKey key = new RSAKeyGenerator(2048).keyID("it-" + UUID.randomUUID()).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/tokyo-ia";
        String discovery = Json.createObjectBuilder()
                .add("issuer", url)
                .add("jwks_uri", url + "/protocol/openid-connect/certs")
                .add("authorization_endpoint", url + "/protocol/openid-connect/auth")
                .add("token_endpoint", url + "/protocol/openid-connect/token")
                .add("response_types_supported", Json.createArrayBuilder().add("code"))
                .add("subject_types_supported", Json.createArrayBuilder().add("public"))
                .add("id_token_signing_alg_values_supported", Json.createArrayBuilder().add("RS256"))
                .build().toString();
        String keys = new JWKSet(key.toPublicJWK()).toString();
        server.createContext("/realms/tokyo-ia/.well-known/openid-configuration", exchange -> reply(exchange, discovery));
        server.createContext("/realms/tokyo-ia/protocol/openid-connect/certs", exchange -> reply(exchange, keys));
        server.start();
        return new TestIssuer(server, key, url);
    }

    String url() {
        return url;
    }

    /** An access token of this issuer for the user, with these roles, for the audience, valid until {@code expires}. */
    String token(String user, List<String> roles, String audience, Instant expires) throws JOSEException {
        return sign(claims(user, roles, audience, expires), key);
    }

    /** The same token signed with a key the issuer never published. */
    String tokenSignedElsewhere(String user, List<String> roles, String audience, Instant expires) throws JOSEException {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(key.getKeyID()).keyUse(KeyUse.SIGNATURE).generate();
        return sign(claims(user, roles, audience, expires), stranger);
    }

    private JWTClaimsSet claims(String user, List<String> roles, String audience, Instant expires) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(url)
                .subject(UUID.randomUUID().toString())
                .audience(audience)
                .issueTime(Date.from(expires.minusSeconds(600)))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .claim("typ", "Bearer")
                .claim("azp", audience)
                .claim("preferred_username", user);
        if (roles != null) {
            claims.claim("realm_access", Map.of("roles", roles));
        }
        return claims.build();
    }

    private static String sign(JWTClaimsSet claims, RSAKey with) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims);
        jwt.sign(new RSASSASigner(with));
        return jwt.serialize();
    }

    private static void reply(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

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
import com.tokyoia.platform.time.SystemTime;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenID Connect provider inside the test JVM, for tests without internet: the JDK's HTTP server
 * publishes the discovery document and the signing key (JWKS), and the test mints access tokens
 * signed with that key (or, to be refused, with another), in the shape Keycloak gives them
 * (roles under realm_access.roles). For the dashboard's sign-in it also runs the authorization code
 * flow: its authorization endpoint signs in whoever the test named ({@link #signInAs}: a real
 * provider would show its login page) and sends the browser back with a code, which its token
 * endpoint exchanges, for the client's secret, for an access and an ID token.
 */
final class TestIssuer implements AutoCloseable {
    private final HttpServer server;
    private final RSAKey key;
    private final String url;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final List<String> logouts = new CopyOnWriteArrayList<>();
    private volatile Grant signedIn;
    private volatile String clientSecret;

    /** Who signs in at the authorization endpoint, and, once a code is issued, the nonce and redirect it was issued for. */
    private record Grant(String user, List<String> roles, String clientId, String nonce, String redirectUri) {
    }

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
                .add("end_session_endpoint", url + "/protocol/openid-connect/logout")
                .add("response_types_supported", Json.createArrayBuilder().add("code"))
                .add("subject_types_supported", Json.createArrayBuilder().add("public"))
                .add("id_token_signing_alg_values_supported", Json.createArrayBuilder().add("RS256"))
                .build().toString();
        String keys = new JWKSet(key.toPublicJWK()).toString();
        server.createContext("/realms/tokyo-ia/.well-known/openid-configuration", exchange -> reply(exchange, discovery));
        server.createContext("/realms/tokyo-ia/protocol/openid-connect/certs", exchange -> reply(exchange, keys));
        TestIssuer issuer = new TestIssuer(server, key, url);
        server.createContext("/realms/tokyo-ia/protocol/openid-connect/auth", issuer::authorize);
        server.createContext("/realms/tokyo-ia/protocol/openid-connect/token", issuer::exchangeCode);
        server.createContext("/realms/tokyo-ia/protocol/openid-connect/logout", issuer::logout);
        server.start();
        return issuer;
    }

    /** The client the dashboard signs in through, with its secret. */
    void acceptClientSecret(String secret) {
        this.clientSecret = secret;
    }

    /** Who the next visit of the authorization endpoint signs in (null: nobody, the request is refused). */
    void signInAs(String user, List<String> roles) {
        this.signedIn = user == null ? null : new Grant(user, roles, null, null, null);
    }

    /** The refresh tokens or ID tokens of the logouts the server told this provider about. */
    List<String> logouts() {
        return List.copyOf(logouts);
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        Grant who = signedIn;
        if (who == null || !"code".equals(query.get("response_type")) || query.get("redirect_uri") == null) {
            status(exchange, 400);
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(who.user(), who.roles(), query.get("client_id"), query.get("nonce"), query.get("redirect_uri")));
        String back = query.get("redirect_uri") + (query.get("redirect_uri").contains("?") ? "&" : "?") + "code=" + code
                + "&state=" + URLEncoder.encode(query.getOrDefault("state", ""), StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Location", back);
        status(exchange, 302);
    }

    private void exchangeCode(HttpExchange exchange) throws IOException {
        Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = codes.remove(body.getOrDefault("code", ""));
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        boolean clientOk = grant != null && clientSecret != null && basic != null && basic.equals("Basic " + Base64.getEncoder()
                .encodeToString((grant.clientId() + ":" + clientSecret).getBytes(StandardCharsets.UTF_8)));
        if (!clientOk || !"authorization_code".equals(body.get("grant_type")) || !grant.redirectUri().equals(body.get("redirect_uri"))) {
            status(exchange, 400);
            return;
        }
        Instant expires = Instant.now(SystemTime.clock()).plusSeconds(600);
        try {
            JWTClaimsSet.Builder id = new JWTClaimsSet.Builder()
                    .issuer(url)
                    .subject(grant.user())
                    .audience(grant.clientId())
                    .issueTime(Date.from(expires.minusSeconds(600)))
                    .expirationTime(Date.from(expires))
                    .claim("typ", "ID")
                    .claim("azp", grant.clientId())
                    .claim("nonce", grant.nonce())
                    .claim("preferred_username", grant.user());
            reply(exchange, Json.createObjectBuilder()
                    .add("access_token", token(grant.user(), grant.roles(), grant.clientId(), expires))
                    .add("id_token", sign(id.build(), key))
                    .add("token_type", "Bearer")
                    .add("expires_in", 600)
                    .build().toString());
        } catch (JOSEException e) {
            throw new IOException(e);
        }
    }

    private void logout(HttpExchange exchange) throws IOException {
        logouts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        status(exchange, 204);
    }

    private static Map<String, String> form(String text) {
        Map<String, String> values = new HashMap<>();
        if (text != null) {
            for (String pair : text.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static void status(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    String url() {
        return url;
    }

    /** An access token of this issuer for the user, with these roles, for the audience, valid until {@code expires}. */
    String token(String user, List<String> roles, String audience, Instant expires) throws JOSEException {
        return sign(claims(user, roles, audience, expires), key);
    }

    /** The same with one more claim (for example the budget group's, tokyoia.api.group-attribute). */
    String token(String user, List<String> roles, String claim, Object value, String audience, Instant expires) throws JOSEException {
        return sign(new JWTClaimsSet.Builder(claims(user, roles, audience, expires)).claim(claim, value).build(), key);
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

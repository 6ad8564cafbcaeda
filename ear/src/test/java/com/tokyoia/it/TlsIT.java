package com.tokyoia.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tokyoia.testing.Http;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HTTPS listener as configure-server.cli sets it up: TLS 1.3 accepted, TLS 1.2 refused (the
 * client offers only it, re-enabled on the client's side), HSTS on HTTPS answers and not on plain
 * HTTP ones. The server's certificate is the self-signed one WildFly generates on first use, so
 * this client trusts any certificate: what is tested is the protocol, not the certificate.
 */
@ExtendWith(ArquillianExtension.class)
class TlsIT {
    private static final int HTTPS_PORT = 8443 + Http.OFFSET;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.builtEar();
    }

    @Test
    void tls13IsAcceptedAndAnswersCarryHsts() throws Exception {
        try (SSLSocket socket = connect("TLSv1.3")) {
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
            String answer = get(socket, "/api/agents?limit=1");
            assertThat(answer).startsWith("HTTP/1.1 200").containsIgnoringCase("Strict-Transport-Security: max-age=");
        }
        Http.Reply plain = Http.get("/api/agents?limit=1");
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.header("Strict-Transport-Security")).as("no HSTS over plain HTTP").isNull();
    }

    @Test
    void tls12IsRefusedByDefault() throws Exception {
        try (SSLSocket socket = connect("TLSv1.2")) {
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLException.class);
        }
    }

    private static SSLSocket connect(String protocol) throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new AnyCertificate()}, null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", HTTPS_PORT);
        socket.setEnabledProtocols(new String[] {protocol});
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static String get(SSLSocket socket, String path) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + Http.User.ADMIN.authorization()
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Trusts any certificate: the test is about protocols, and the server's certificate is self-signed. */
    private static final class AnyCertificate extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // Not a client certificate check.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // Any certificate.
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // Not a client certificate check.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // Any certificate.
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // Not a client certificate check.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // Any certificate.
        }
    }
}

package com.tokyoia.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tokyoia.testing.Http;
import java.io.IOException;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HTTPS listener as configure-server.cli sets it up: TLS 1.3 accepted, TLS 1.2 refused (the
 * client offers only it, re-enabled on the client's side), HSTS on HTTPS answers and not on plain
 * HTTP ones. The server's certificate is the self-signed one WildFly generates on first use, so
 * this client trusts any certificate: what is tested is the protocol, not the certificate.
 */
@Tag(ClockIndependent.TAG)
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
        return SelfSignedHttps.connect(HTTPS_PORT, protocol);
    }

    private static String get(SSLSocket socket, String path) throws IOException {
        return SelfSignedHttps.get(socket, path);
    }
}

package com.tokyoia.it;

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
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * HTTPS to a test server whose certificate is WildFly's generated self-signed one: the tests are
 * about protocols, redirects and headers, not about the certificate, so any is trusted.
 */
final class SelfSignedHttps {
    private SelfSignedHttps() {
    }

    static SSLSocket connect(int port, String protocol) throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new AnyCertificate()}, null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setEnabledProtocols(new String[] {protocol});
        socket.setSoTimeout(30_000);
        return socket;
    }

    /** The raw answer (status line, headers, body) to a GET as the tests' admin. */
    static String get(SSLSocket socket, String path) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + Http.User.ADMIN.authorization()
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** A GET over TLS 1.3 on the port. */
    static String get(int port, String path) throws IOException, GeneralSecurityException {
        try (SSLSocket socket = connect(port, "TLSv1.3")) {
            return get(socket, path);
        }
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

package com.tokyoia.platform.cache;

import com.tokyoia.platform.config.InvalidSettingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS to Redis (tokyoia.redis.tls): the server's certificate is checked against the CA certificates
 * of tokyoia.redis.tls-ca-file (PEM) when given, else the JVM's own trust store, and its name or IP
 * address must match the host connected to.
 */
final class RedisTls {
    private RedisTls() {
    }

    /** Sockets that trust only the CA certificates in the PEM file. */
    static SSLSocketFactory trusting(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new InvalidSettingException("tokyoia.redis.tls-ca-file", caFile + " holds no PEM certificate");
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("redis-ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidSettingException("tokyoia.redis.tls-ca-file", "cannot read CA certificates from " + caFile + ": " + e.getMessage());
        }
    }

    /** Hostname verification, which Jedis leaves off unless asked. */
    static SSLParameters verifyingHostname() {
        SSLParameters parameters = new SSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }
}

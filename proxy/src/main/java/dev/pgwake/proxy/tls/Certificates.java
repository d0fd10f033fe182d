package dev.pgwake.proxy.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/** What an operator wants to know of a certificate file after a reload. */
public final class Certificates {
    private Certificates() {
    }

    /** "valid until 2027-03-01T00:00:00Z" for the first certificate in the PEM file, or why it cannot be told. */
    public static String validity(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            X509Certificate first = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return "valid until " + first.getNotAfter().toInstant();
        } catch (IOException | CertificateException | ClassCastException e) {
            return "not readable as X.509: " + e.getMessage();
        }
    }
}

/*
 * Copyright 2026 the camel-inference authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.camelinference.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A key and a self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made when first needed by the JDK's
 * own {@code keytool} (the JDK has no public API for it), valid two days: a server context that presents it, and a
 * trust store that trusts it alone.
 */
final class SelfSignedTls {

    private static final String ALIAS = "simulator";

    private final KeyStore keys;
    private final char[] password;

    private SelfSignedTls(KeyStore keys, char[] password) {
        this.keys = keys;
        this.password = password;
    }

    static SelfSignedTls create() {
        char[] password = Long.toHexString(new SecureRandom().nextLong()).toCharArray();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("simulator-tls");
            Path store = dir.resolve("simulator.p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process process = new ProcessBuilder(
                    List.of(keytool, "-genkeypair", "-alias", ALIAS, "-keyalg", "EC",
                            "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                            "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                            "-storepass", new String(password), "-keypass", new String(password)))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool could not make the simulator's certificate: " + output);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, password);
            }
            return new SelfSignedTls(keys, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the simulator's certificate: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the simulator's certificate", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /** A server context presenting the certificate. */
    SSLContext serverContext() {
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use the simulator's certificate: " + e, e);
        }
    }

    /** A trust store holding the certificate alone. */
    KeyStore trustStore() {
        try {
            Certificate certificate = keys.getCertificate(ALIAS);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(ALIAS, certificate);
            return trust;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a trust store for the simulator's certificate: " + e, e);
        }
    }

    /** A client context that trusts the certificate alone. */
    SSLContext clientContext() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust the simulator's certificate: " + e, e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary file left behind; nothing depends on it
        }
    }
}

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
package io.github.camelinference.camel.inference;

import javax.net.ssl.TrustManagerFactory;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import io.github.camelinference.simulator.ProviderSimulator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

/**
 * azure-identity's real {@code ClientSecretCredential}, pointed at the simulator's Microsoft Entra ID token endpoint on
 * loopback: MSAL's client-credentials flow over HTTPS, with an HTTP client that trusts the simulator's certificate
 * alone, and instance discovery off (it would ask login.microsoftonline.com).
 */
final class EntraCredentials {

    static final String TENANT = "sim-tenant";
    static final String CLIENT_ID = "sim-client";
    /** A canary secret: tests check it never shows up where a user could see it. */
    static final String SECRET = "entra-secret-0123456789-abcdefghijklmnop";

    private EntraCredentials() {
    }

    /** A credential for the simulator's registered client ({@link #CLIENT_ID} with {@link #SECRET}). */
    static TokenCredential clientSecret(ProviderSimulator simulator) {
        return clientSecret(simulator, SECRET);
    }

    static TokenCredential clientSecret(ProviderSimulator simulator, String secret) {
        return new ClientSecretCredentialBuilder()
                .tenantId(TENANT)
                .clientId(CLIENT_ID)
                .clientSecret(secret)
                .authorityHost(simulator.entraAuthorityHost())
                .disableInstanceDiscovery()
                .httpClient(trusting(simulator))
                .build();
    }

    /** An azure-core HTTP client (Netty, azure-identity's default) trusting the simulator's certificate. */
    private static HttpClient trusting(ProviderSimulator simulator) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(simulator.entraTrustStore());
            SslContext tls = SslContextBuilder.forClient().trustManager(trust).build();
            return new NettyAsyncHttpClientBuilder(
                    reactor.netty.http.client.HttpClient.create()
                            .secure(spec -> spec.sslContext(tls)))
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException("cannot trust the simulator's certificate: " + e, e);
        }
    }
}

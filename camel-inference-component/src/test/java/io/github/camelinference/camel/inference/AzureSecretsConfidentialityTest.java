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

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.azure.core.credential.TokenCredential;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import io.github.camelinference.simulator.junit.Simulator;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With every logger of every library at TRACE (the component, Camel, HttpClient's headers, azure-core, azure-identity,
 * MSAL, Netty and Reactor), Azure calls with a key and with Microsoft Entra ID tokens (a token renewed after a 401, a
 * refused client secret, a filtered prompt, an error echoing the key) leave neither the key, nor any token issued, nor
 * the client secret in any log line, exception, or endpoint as Camel shows it. Nothing reaches the console meanwhile.
 */
class AzureSecretsConfidentialityTest extends SimulatorTestSupport {

    @Simulator(value = Flavour.AZURE)
    static ProviderSimulator azure;

    private static LogCapture capture;

    @BindToRegistry("entra")
    private final TokenCredential entra = EntraCredentials.clientSecret(azure);

    @BindToRegistry("wrongSecret")
    private final TokenCredential wrongSecret = EntraCredentials.clientSecret(azure,
            "wrong-secret-0123456789-abcdefghijklmnop");

    @BeforeAll
    static void everyLoggerAtTrace() {
        capture = LogCapture.everyLoggerAtTrace();
    }

    @AfterAll
    static void loggingAsConfigured() {
        LogCapture.restore();
    }

    /** The key comes from the environment, as the docs advise: no URI carries it. */
    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        camel.getComponent("inference", InferenceComponent.class)
                .setEnvironment(name -> "AZURE_OPENAI_API_KEY".equals(name) ? AzureOpenAiTest.AZURE_KEY : null);
        return camel;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                String base = "inference:azure?baseUrl=" + azure.baseUrl() + "&deployment=gpt-5-mini";
                from("direct:key").to(base);
                from("direct:keyStream").to(base + "&apiVersion=2024-10-21&stream=true&aggregateStream=true");
                from("direct:entra").to(base + "&credential=#entra");
                from("direct:entraStream").to(base + "&credential=#entra&stream=true&aggregateStream=true");
                from("direct:wrongSecret").to(base + "&credential=#wrongSecret");
            }
        };
    }

    @Test
    void neitherTheKeyNorATokenNorTheClientSecretAppearsWithEveryLoggerAtTrace() {
        azure.reset().entraClient(EntraCredentials.CLIENT_ID, EntraCredentials.SECRET)
                .tokenLifetime(Duration.ofMinutes(2)); // under MSAL's cache margin: a renewal fetches a new token
        List<String> seen = new ArrayList<>();

        azure.requireCredentials(AzureOpenAiTest.AZURE_KEY);
        assertNull(send("direct:key").getException());
        assertNull(send("direct:keyStream").getException());
        azure.enqueue(Reply.json(401, "{\"error\":{\"code\":\"401\",\"message\":\"Key " + AzureOpenAiTest.AZURE_KEY
                                      + " is not valid\"}}"));
        seen.addAll(described(send("direct:key").getException()));
        azure.enqueue(Reply.contentFilteredPrompt("violence", "high"));
        seen.addAll(described(send("direct:key").getException()));

        azure.requireCredentials(null);
        assertNull(send("direct:entra").getException());
        azure.revokeTokens(); // the next call is refused, renews its token and is sent again
        assertNull(send("direct:entra").getException());
        assertNull(send("direct:entraStream").getException());
        seen.addAll(described(send("direct:wrongSecret").getException()));

        for (Endpoint endpoint : context.getEndpoints()) {
            seen.add(endpoint.toString());
            if (endpoint instanceof InferenceEndpoint inference && inference.getTokenStatus() != null) {
                seen.add(inference.getTokenStatus().toString());
                seen.add(inference.options().client().toString());
                seen.add(inference.options().toString());
            }
        }
        seen.addAll(capture.everything());

        assertEquals(2, azure.tokensIssued(), "a token, and its renewal after the 401");
        assertTrue(capture.lines.stream().anyMatch(line -> line.startsWith("org.apache.hc.client5.http.headers")),
                "HttpClient's header log was captured");
        assertTrue(capture.lines.stream().anyMatch(line -> line.startsWith("com.azure.identity")),
                "azure-identity's log was captured");
        assertTrue(capture.lines.stream().anyMatch(line -> line.startsWith("com.microsoft.aad")),
                "MSAL's log was captured");
        assertEquals(List.of(), leaks(seen, azure.issuedTokens()), "a secret leaked");
    }

    private Exchange send(String uri) {
        return template.request(uri, e -> e.getMessage().setBody("Hello"));
    }

    /** What a user sees of an exception: its message, toString and stack trace. */
    private static List<String> described(Exception e) {
        assertTrue(e instanceof InferenceException, String.valueOf(e));
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return List.of(e.getMessage(), e.toString(), trace.toString());
    }

    /** The texts holding the key, the client secret, a token, or a part of one; shortened, the secrets replaced. */
    private static List<String> leaks(List<String> texts, List<String> tokens) {
        List<String> secrets = new ArrayList<>(tokens.stream().map(token -> token.substring(9)).toList());
        secrets.add("0123456789-abcdefghijklmnop"); // the key's and both secrets' common part
        return texts.stream().filter(text -> secrets.stream().anyMatch(text::contains))
                .map(text -> {
                    String shown = text;
                    for (String secret : secrets) {
                        shown = shown.replace(secret, "<SECRET>");
                    }
                    return shown.length() > 300 ? shown.substring(0, 300) : shown;
                }).toList();
    }
}

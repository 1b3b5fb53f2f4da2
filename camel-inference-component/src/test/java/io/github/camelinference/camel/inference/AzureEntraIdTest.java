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

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import io.github.camelinference.camel.inference.error.AuthenticationException;
import io.github.camelinference.camel.inference.http.CallAuth;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.RecordedRequest;
import io.github.camelinference.simulator.junit.Simulator;
import org.apache.camel.BindToRegistry;
import org.apache.camel.ResolveEndpointFailedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code inference:azure} with Microsoft Entra ID: azure-identity's real client-credentials flow against the
 * simulator's token endpoint on loopback (MSAL over HTTPS), the token cached, refreshed ahead of its expiry, renewed
 * once after a 401, and a credential that cannot get one failing the call in bounded time.
 */
class AzureEntraIdTest extends SimulatorTestSupport {

    @Simulator(value = Flavour.AZURE, resetBeforeEach = true)
    static ProviderSimulator azure;

    /** The threads the credential was asked on. */
    private final Set<String> askedOn = ConcurrentHashMap.newKeySet();

    private final TokenCredential clientSecret = EntraCredentials.clientSecret(azure);

    /** azure-identity's ClientSecretCredential, noting the thread it is asked on. */
    @BindToRegistry("entra")
    private final TokenCredential entra = request -> {
        askedOn.add(Thread.currentThread().getName());
        return clientSecret.getToken(request);
    };

    @BindToRegistry("neverAnswers")
    private final TokenCredential neverAnswers = request -> Mono.never();

    @BindToRegistry("wrongSecret")
    private final TokenCredential wrongSecret = EntraCredentials.clientSecret(azure, "not-the-secret");

    /** A credential whose token the resource never accepts: it was not issued by the simulator. */
    @BindToRegistry("foreignToken")
    private final TokenCredential foreignToken = request -> Mono.just(new AccessToken(
            "foreign-token-value",
            OffsetDateTime.now().plusHours(1)));

    @BindToRegistry("notACredential")
    private final String notACredential = "a string";

    @BeforeEach
    void onlyTheRegisteredClientGetsTokens() {
        azure.entraClient(EntraCredentials.CLIENT_ID, EntraCredentials.SECRET).requireCredentials(null);
    }

    private static String entraUri(String options) {
        return "inference:azure?baseUrl=" + azure.baseUrl() + "&deployment=gpt-5-mini&credential=#entra"
               + (options.isEmpty() ? "" : "&" + options);
    }

    private static String bearer(RecordedRequest request) {
        String authorization = request.header("authorization");
        return authorization == null ? null : authorization.substring("Bearer ".length());
    }

    @Test
    void everyCallCarriesTheOneTokenTheClientCredentialsFlowIssued() {
        for (int i = 0; i < 5; i++) {
            assertEquals("Simulated answer to: Hello " + i,
                    template.requestBody(entraUri(""), "Hello " + i, String.class));
        }

        assertEquals(1, azure.tokensIssued(), "5 calls, one token: it is cached");
        String token = azure.issuedTokens().get(0);
        for (RecordedRequest sent : azure.requests()) {
            assertEquals(token, bearer(sent));
            assertNull(sent.header("api-key"));
        }
    }

    @Test
    void bothUrlShapesAndStreamsCarryTheToken() {
        template.requestBody(entraUri("apiVersion=2024-10-21"), "Hello", String.class);
        template.requestBody(entraUri("stream=true&aggregateStream=true"), "Hello", String.class);

        assertEquals(1, azure.tokensIssued(), "endpoints with the same credential share its token");
        assertEquals(List.of("/openai/deployments/gpt-5-mini/chat/completions?api-version=2024-10-21",
                "/openai/v1/chat/completions"), azure.requests().stream().map(RecordedRequest::path).toList());
        azure.requests().forEach(sent -> assertEquals(azure.issuedTokens().get(0), bearer(sent)));
    }

    @Test
    void theTokenIsRefreshedOnATimerBeforeItExpires() {
        azure.tokenLifetime(Duration.ofSeconds(4));
        template.requestBody(entraUri(""), "Hello", String.class);
        String first = azure.issuedTokens().get(0);
        InferenceEndpoint endpoint = context.getEndpoint(entraUri(""), InferenceEndpoint.class);
        Instant firstExpiry = endpoint.getTokenStatus().expiresAt();

        // no call in between: the refresh comes from the timer, due half-way through the token's 4 s
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            while (!endpoint.getTokenStatus().expiresAt().isAfter(firstExpiry)) {
                Thread.sleep(10);
            }
        });
        assertTrue(azure.tokenValid(first), "the next token came before the first expired");
        assertEquals(2, azure.tokensIssued());

        template.requestBody(entraUri(""), "Hello again", String.class);
        assertEquals(azure.issuedTokens().get(1), bearer(azure.lastRequest()), "calls carry the new token");
    }

    @Test
    void aTokenTheResourceRefusesIsRenewedOnceAndTheCallSentAgain() {
        azure.tokenLifetime(Duration.ofMinutes(2)); // under MSAL's 5 minutes, so it never answers from its cache
        template.requestBody(entraUri(""), "Hello", String.class);
        azure.revokeTokens();

        String answer = template.requestBody(entraUri(""), "Hello again", String.class);

        assertEquals("Simulated answer to: Hello again", answer);
        assertEquals(2, azure.tokensIssued());
        List<RecordedRequest> sent = azure.requests();
        assertEquals(3, sent.size(), "the first call, the refused one, and its resend");
        assertEquals(azure.issuedTokens().get(0), bearer(sent.get(1)));
        assertEquals(azure.issuedTokens().get(1), bearer(sent.get(2)));
    }

    @Test
    void aStreamedCallIsRenewedAndSentAgainToo() {
        azure.tokenLifetime(Duration.ofMinutes(2));
        template.requestBody(entraUri(""), "Hello", String.class);
        azure.revokeTokens();

        String answer = template.requestBody(entraUri("stream=true&aggregateStream=true"), "Hello stream",
                String.class);

        assertEquals("Simulated answer to: Hello stream", answer);
        assertEquals(2, azure.tokensIssued());
        assertEquals(3, azure.requestCount());
    }

    @Test
    void aSecondRefusalIsFinal() {
        AuthenticationException e = failure("inference:azure?baseUrl=" + azure.baseUrl()
                                            + "&deployment=gpt-5-mini&credential=#foreignToken",
                "Hello",
                AuthenticationException.class);

        assertEquals(401, e.getHttpStatus());
        assertEquals(2, azure.requestCount(), "one resend, no more");
        assertFalse(e.getMessage().contains("foreign-token-value"), e.getMessage());
    }

    @Test
    void theCredentialIsOnlyAskedOnTheRefresherThreadNeverOnAnIoThread() {
        azure.tokenLifetime(Duration.ofMinutes(2));
        template.requestBody(entraUri(""), "Hello", String.class);
        azure.revokeTokens(); // the renewal is asked for from HttpClient's I/O thread that read the 401
        template.requestBody(entraUri(""), "Hello", String.class);

        assertEquals(2, azure.tokensIssued());
        assertFalse(askedOn.isEmpty());
        assertTrue(askedOn.stream().allMatch(name -> name.contains("InferenceTokenRefresher")), askedOn.toString());
    }

    @Test
    void aCredentialThatNeverAnswersFailsTheCallWithinTheFetchTimeout() {
        String uri = "inference:azure?baseUrl=" + azure.baseUrl() + "&deployment=gpt-5-mini"
                     + "&credential=#neverAnswers&tokenFetchTimeout=500";

        AuthenticationException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> failure(uri, "Hello", AuthenticationException.class));

        assertTrue(e.getMessage().contains("tokenFetchTimeout"), e.getMessage());
        assertTrue(e.getMessage().contains("500 ms"), e.getMessage());
        assertTrue(e.isFailoverable(), "another provider can still answer");
        assertEquals(0, azure.requestCount(), "nothing was sent without a token");
    }

    @Test
    void aCredentialTheIdentityServiceRefusesFailsTheCallWithItsReason() {
        String uri = "inference:azure?baseUrl=" + azure.baseUrl() + "&deployment=gpt-5-mini&credential=#wrongSecret";

        AuthenticationException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> failure(uri, "Hello", AuthenticationException.class));

        assertTrue(e.getMessage().contains("ClientSecretCredential"), e.getMessage());
        assertTrue(e.getMessage().contains("AADSTS7000215") || e.getMessage().contains("invalid_client"),
                e.getMessage());
        assertFalse(e.getMessage().contains("not-the-secret"), e.getMessage());
        assertEquals(0, azure.tokensIssued());
        assertEquals(0, azure.requestCount());

        // calls right after a refusal get it at once: a broken credential is not asked once per call
        for (int i = 0; i < 10; i++) {
            failure(uri, "Hello", AuthenticationException.class);
        }
        assertTrue(azure.tokenRequests() < 10, azure.tokenRequests() + " token requests for 11 calls");
    }

    @Test
    void theEndpointSaysWhetherItHoldsATokenAndUntilWhenButNeverTheToken() {
        template.requestBody(entraUri(""), "Hello", String.class);

        CallAuth.TokenStatus status = context.getEndpoint(entraUri(""), InferenceEndpoint.class).getTokenStatus();

        assertTrue(status.held());
        assertTrue(status.expiresAt().isAfter(Instant.now().plus(Duration.ofMinutes(50))), status.toString());
        assertNull(status.lastFailure());
        assertFalse(status.toString().contains(azure.issuedTokens().get(0)));
        assertNull(context.getEndpoint(openaiUri(""), InferenceEndpoint.class).getTokenStatus(),
                "an endpoint with a key holds no token");
    }

    @Test
    void aCredentialOptionThatIsNotATokenCredentialIsRefusedAtCreation() {
        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class,
                () -> context.getEndpoint("inference:azure?resource=r&deployment=d&credential=#notACredential"));

        assertTrue(e.getCause().getMessage().contains("com.azure.core.credential.TokenCredential"),
                e.getCause().getMessage());
    }

    @Test
    void anApiKeyAndACredentialTogetherAreRefused() {
        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class,
                () -> context.getEndpoint("inference:azure?resource=r&deployment=d&credential=#entra&apiKey=k"));

        assertTrue(e.getCause().getMessage().contains("both apiKey and credential"), e.getCause().getMessage());
    }

    @Test
    void aCredentialOnAnotherProviderIsRefused() {
        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class,
                () -> context.getEndpoint(openaiUri("credential=#entra")));

        assertTrue(e.getCause().getMessage().contains("Azure OpenAI only"), e.getCause().getMessage());
    }
}

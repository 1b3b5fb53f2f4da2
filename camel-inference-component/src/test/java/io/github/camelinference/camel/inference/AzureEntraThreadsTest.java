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

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.azure.core.credential.TokenCredential;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.junit.Simulator;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Microsoft Entra ID costs one thread, the token refresher, however many calls are in flight: 1,000 concurrent Azure
 * calls carrying a token add no thread to those the same 1,000 calls with a key left running.
 */
class AzureEntraThreadsTest extends SimulatorTestSupport {

    private static final int CALLS = 1000;
    /** Most calls wait for one of these connections, which holds no thread (as in DispatcherThreadsTest). */
    private static final String POOL = "&maxConnections=50&requestTimeout=100000";

    @Simulator(value = Flavour.AZURE)
    static ProviderSimulator azure;

    @BindToRegistry("entra")
    private final TokenCredential entra = EntraCredentials.clientSecret(azure);

    @Test
    void aThousandConcurrentCallsWithEntraTokensAddNoThreadBeyondTheRefresher() throws Exception {
        azure.reset().entraClient(EntraCredentials.CLIENT_ID, EntraCredentials.SECRET)
                .requireCredentials(AzureOpenAiTest.AZURE_KEY);
        String base = "inference:azure?baseUrl=" + azure.baseUrl() + "&deployment=gpt-5-mini" + POOL;

        // the same load with a key first: the route pool, the template's pool and the simulator are then at size
        callConcurrently(base + "&apiKey=RAW(" + AzureOpenAiTest.AZURE_KEY + ")");
        Set<Thread> withKey = liveThreads();

        String entraUri = base + "&credential=#entra";
        assertEquals("Simulated answer to: warm up", template.requestBody(entraUri, "warm up", String.class));
        Set<Thread> withToken = liveThreads();
        callConcurrently(entraUri);
        Set<Thread> afterCalls = liveThreads();

        assertEquals(1, azure.tokensIssued(), "every call carried the one token");
        assertEquals(Set.of(), names(added(withToken, afterCalls)), "threads the 1,000 Entra calls added");
        Set<String> forEntra = names(added(withKey, withToken));
        List<String> ours = forEntra.stream().filter(name -> name.startsWith("Camel")).toList();
        assertEquals(1, ours.size(), "the component's own threads for Entra ID: " + forEntra);
        assertTrue(ours.get(0).contains("InferenceTokenRefresher"), ours.toString());
        // the rest are azure-identity's own, made once for its first token: its HTTP client's event loops
        // (reactor-http-epoll-*) and azure-core's shared pool (azure-sdk-global-thread-*)
    }

    /**
     * Sends the calls at once and waits for all, within one deadline, on this thread: a timeout helper thread (JUnit's
     * assertTimeoutPreemptively) could still be alive when the threads are counted.
     */
    private void callConcurrently(String uri) throws Exception {
        List<CompletableFuture<Exchange>> inFlight = new ArrayList<>(CALLS);
        for (int i = 0; i < CALLS; i++) {
            String prompt = "call " + i;
            inFlight.add(template.asyncSend(uri, e -> e.getMessage().setBody(prompt)));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int failed = 0;
        Exception first = null;
        for (CompletableFuture<Exchange> call : inFlight) {
            Exception error = call.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).getException();
            if (error != null) {
                failed++;
                first = first == null ? error : first;
            }
        }
        assertEquals(0, failed, "calls that failed, the first with " + first);
    }

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }

    private static Set<Thread> added(Set<Thread> before, Set<Thread> after) {
        Set<Thread> added = new HashSet<>(after);
        added.removeAll(before);
        return added;
    }

    private static Set<String> names(Set<Thread> threads) {
        return threads.stream().map(Thread::getName).collect(Collectors.toSet());
    }
}

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
package io.github.camelinference.examples.failover;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import io.github.camelinference.simulator.junit.Simulator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With AZURE_OPENAI_ENDPOINT set, the main example's routes call the Azure resource instead of OpenAI, unchanged: here
 * a simulated resource that wants its api-key, and the gpt-5-mini deployment as the model.
 */
class AzureExampleTest {

    static final String KEY = "azure-example-canary-0123456789";

    @Simulator(Flavour.AZURE)
    static ProviderSimulator azure;

    @Test
    void theRoutesCallTheAzureResourceWhenItsEndpointIsSet() throws Exception {
        azure.requireCredentials(KEY).always(Reply.answer());
        Map<String, String> env = Map.of("AZURE_OPENAI_ENDPOINT", azure.baseUrl(), "AZURE_OPENAI_API_KEY", KEY);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        Summary summary = FailoverExample.run(FailoverExample.Settings.parse(new String[0], true), env::get,
                new PrintStream(printed, true, StandardCharsets.UTF_8), false);

        String output = printed.toString(StandardCharsets.UTF_8);
        assertEquals(summary.count(), summary.answered(), output);
        assertEquals(summary.count(), summary.servedBy("azure"), "the primary is the Azure resource: " + output);
        assertTrue(output.contains("primary  Azure  gpt-5-mini"), output);
        assertTrue(azure.requests().stream().filter(r -> r.path().endsWith("/chat/completions"))
                .allMatch(r -> KEY.equals(r.header("api-key")) && r.path().equals("/openai/v1/chat/completions")
                        && "gpt-5-mini".equals(r.json().get("model").asText())),
                "v1 API, key, deployment");
        assertTrue(!output.contains(KEY), "the key is never printed");
    }
}

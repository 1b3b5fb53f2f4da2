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

import com.fasterxml.jackson.databind.node.TextNode;
import io.github.camelinference.camel.inference.chat.ChatMessage;
import io.github.camelinference.camel.inference.chat.ChatRequest;
import io.github.camelinference.camel.inference.http.CallTimeouts;
import io.github.camelinference.camel.inference.producer.MessageParameters;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad configuration fails when the endpoint is created, with a message that says what to fix. */
class ConfigurationValidationTest extends SimulatorTestSupport {

    private void assertRejected(String uri, String... expectedFragments) {
        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class,
                () -> context.getEndpoint(uri));
        String message = e.getMessage() + (e.getCause() == null ? "" : " / " + e.getCause().getMessage());
        for (String fragment : expectedFragments) {
            assertTrue(message.contains(fragment), "'" + fragment + "' missing from: " + message);
        }
    }

    @Test
    void unknownProviderWithoutBaseUrl() {
        assertRejected("inference:mistral?model=m", "not built in", "needs baseUrl");
    }

    @Test
    void missingKeyNamesTheEnvironmentVariable() {
        assertRejected("inference:openai", "no API key", "OPENAI_API_KEY");
        assertRejected("inference:huggingface", "no API key", "HF_TOKEN");
    }

    @Test
    void keyIsTakenFromTheEnvironmentWhenNotGiven() {
        InferenceComponent component = context.getComponent("inference", InferenceComponent.class);
        component.setEnvironment(name -> "OPENAI_API_KEY".equals(name) ? "sk-from-env" : null);

        context.getEndpoint("inference:openai?model=gpt-5-mini");
    }

    @Test
    void invalidEnumValueListsTheAcceptedOnes() {
        assertRejected(openaiUri("reasoningEffort=extreme"), "reasoningEffort", "extreme",
                "high, low, medium, minimal, none");
        assertRejected(openaiUri("verbosity=loud"), "verbosity", "loud", "high, low, medium");
        assertRejected(openaiUri("responseFormat=xml"), "responseFormat", "json_object, json_schema, text");
    }

    @Test
    void unreadableSchemaResource() {
        assertRejected(openaiUri("jsonSchema=classpath:schemas/missing.json"), "cannot read jsonSchema",
                "schemas/missing.json");
    }

    @Test
    void schemaThatIsNotJson() {
        assertRejected(openaiUri("jsonSchema={not json"), "jsonSchema", "not a JSON object");
    }

    @Test
    void jsonSchemaFormatWithoutASchema() {
        assertRejected(openaiUri("responseFormat=json_schema"), "needs jsonSchema");
    }

    @Test
    void outOfRangeNumbers() {
        assertRejected(openaiUri("temperature=3"), "temperature must be between 0.0 and 2.0");
        assertRejected(openaiUri("maxTokens=0"), "maxTokens must be at least 1");
        assertRejected(openaiUri("requestTimeout=0"), "requestTimeout must be positive");
    }

    @Test
    void halfAPriceTable() {
        assertRejected(openaiUri("inputPrice=0.25"), "inputPrice and outputPrice go together");
        assertRejected(openaiUri("inputPrice=-1&outputPrice=2"), "must not be negative");
    }

    @Test
    void notANumber() {
        assertRejected(openaiUri("maxTokens=lots"), "maxTokens");
    }

    @Test
    void badBaseUrl() {
        assertRejected("inference:vllm?baseUrl=localhost:8000", "must be an http:// or https:// URL");
    }

    @Test
    void routerPolicyOnANonRouterProvider() {
        assertRejected(openaiUri("routerPolicy=cheapest"), "routerPolicy applies to the Hugging Face router only");
    }

    @Test
    void aggregateWithoutStream() {
        assertRejected(openaiUri("aggregateStream=true"), "aggregateStream=true needs stream=true");
    }

    @Test
    void unknownOption() {
        assertRejected(openaiUri("modle=gpt-5"), "modle");
    }

    @Test
    void durationsAcceptHumanUnits() {
        InferenceEndpoint endpoint = context.getEndpoint(openaiUri("requestTimeout=2m&firstTokenTimeout=15s"),
                InferenceEndpoint.class);
        assertTrue(endpoint.getConfiguration().getRequestTimeout() == 120_000);
        assertTrue(endpoint.getConfiguration().getFirstTokenTimeout() == 15_000);
    }

    @Test
    void theFirstTokenTimeoutDefaultsByHowMuchTheModelReasonsFirst() {
        assertEquals(Duration.ofSeconds(90), firstTokenTimeout(openaiUri("model=gpt-5")),
                "GPT-5 models reason at medium effort unless told otherwise");
        assertEquals(Duration.ofSeconds(10), firstTokenTimeout(openaiUri("reasoningEffort=minimal")));
        assertEquals(Duration.ofSeconds(90), firstTokenTimeout(hfUri("reasoningEffort=high")));
        assertEquals(Duration.ofSeconds(10), firstTokenTimeout(hfUri("model=openai/gpt-oss-120b")),
                "a silent provider is left for the next target well within a caller's 15 s");
        assertEquals(Duration.ofSeconds(4), firstTokenTimeout(openaiUri("firstTokenTimeout=4s")));
    }

    @Test
    void theStreamIdleTimeoutDefaultsByHowMuchTheModelReasons() {
        assertEquals(Duration.ofSeconds(10), streamIdleTimeout(hfUri("model=openai/gpt-oss-120b")),
                "a stalled stream is given up well within a caller's 15 s");
        assertEquals(Duration.ofSeconds(10), streamIdleTimeout(openaiUri("reasoningEffort=low")));
        assertEquals(Duration.ofSeconds(60), streamIdleTimeout(openaiUri("model=gpt-5")),
                "a reasoning model may stop to think again mid-answer");
        assertEquals(Duration.ofSeconds(60), streamIdleTimeout(hfUri("reasoningEffort=medium")));
        assertEquals(Duration.ofSeconds(3), streamIdleTimeout(openaiUri("streamIdleTimeout=3s")));
    }

    @Test
    void aMessageAskingForMoreReasoningGetsThatEffortsTimeouts() {
        InferenceEndpoint endpoint = context.getEndpoint(hfUri("model=openai/gpt-oss-120b&stream=true"),
                InferenceEndpoint.class);
        Exchange plain = exchange(ChatRequest.of(ChatMessage.user("Hi")));
        Exchange thinking = exchange(ChatRequest.of(ChatMessage.user("Hi")).extra("reasoning_effort", "high"));

        CallTimeouts asConfigured = MessageParameters.timeouts(endpoint.options(), plain);
        CallTimeouts atHighEffort = MessageParameters.timeouts(endpoint.options(), thinking);

        assertEquals(Duration.ofSeconds(10), asConfigured.firstToken());
        assertEquals(Duration.ofSeconds(10), asConfigured.streamIdle());
        assertEquals(Duration.ofSeconds(90), atHighEffort.firstToken());
        assertEquals(Duration.ofSeconds(60), atHighEffort.streamIdle());
        // as a gateway forwards its caller's field: JSON, as it came
        Exchange forwarded = exchange(ChatRequest.of(ChatMessage.user("Hi"))
                .extra("reasoning_effort", TextNode.valueOf("medium")));
        assertEquals(Duration.ofSeconds(90), MessageParameters.timeouts(endpoint.options(), forwarded).firstToken());
        // an endpoint's own timeouts are the user's choice: a message's effort does not change them
        InferenceEndpoint tuned = context.getEndpoint(hfUri("stream=true&firstTokenTimeout=5s&streamIdleTimeout=4s"),
                InferenceEndpoint.class);
        assertEquals(Duration.ofSeconds(5), MessageParameters.timeouts(tuned.options(), thinking).firstToken());
        assertEquals(Duration.ofSeconds(4), MessageParameters.timeouts(tuned.options(), thinking).streamIdle());
    }

    private Exchange exchange(ChatRequest body) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    private Duration firstTokenTimeout(String uri) {
        return context.getEndpoint(uri, InferenceEndpoint.class).options().client().firstTokenTimeout();
    }

    private Duration streamIdleTimeout(String uri) {
        return context.getEndpoint(uri, InferenceEndpoint.class).options().client().streamIdleTimeout();
    }
}

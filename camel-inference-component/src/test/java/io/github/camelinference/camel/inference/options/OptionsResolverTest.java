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
package io.github.camelinference.camel.inference.options;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelinference.camel.inference.InferenceConfiguration;
import io.github.camelinference.camel.inference.chat.ChatWireFormat;
import io.github.camelinference.camel.inference.chat.Prices;
import io.github.camelinference.camel.inference.provider.ProviderType;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The options resolver alone, without a route or a server: each option it refuses, with the message a user sees, and
 * what it derives when the options are good.
 */
class OptionsResolverTest {

    private static final String KEY = "sk-test-0123456789";

    private final CamelContext context = new DefaultCamelContext();
    private final Map<String, String> environment = new LinkedHashMap<>();

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                refused("bad name", c -> {
                }, "the provider name 'bad name' is not valid: use `openai`, `huggingface`, or a name of letters,"
                   + " digits, '.', '_' and '-' with a baseUrl"),
                refused("mistral", c -> c.setModel("m"), "provider 'mistral' is not built in (built in: openai,"
                                                         + " huggingface, azure), so it needs baseUrl, e.g."
                                                         + " inference:mistral?baseUrl=http://localhost:8000/v1&model=..."),
                refused("local", c -> c.setBaseUrl("ftp://files"),
                        "baseUrl 'ftp://files' must be an http:// or https:// URL with a host"),
                refused("local", c -> c.setBaseUrl("http://localhost:8000/v1"),
                        "provider 'local' has no default model: set the model option"),
                refused("openai", c -> c.setDeployment("d"), "resource, deployment and apiVersion apply to Azure"
                                                             + " OpenAI only (inference:azure), not to provider 'openai'"),
                refused("openai", c -> c.setCredential("#cred"), "credential (Microsoft Entra ID) applies to Azure"
                                                                 + " OpenAI only (inference:azure), not to provider 'openai'"),
                refused("openai", c -> c.setTemperature(2.5), "temperature must be between 0.0 and 2.0, was 2.5"),
                refused("openai", c -> c.setReasoningEffort("max"), "invalid value 'max' for option reasoningEffort:"
                                                                    + " accepted values are high, low, medium, minimal, none"),
                refused("openai", c -> c.setMaxTokens(0), "maxTokens must be at least 1, was 0"),
                refused("openai", c -> c.setRequestTimeout(0), "requestTimeout must be positive, was 0"),
                refused("openai", c -> c.setFirstTokenTimeout(-1),
                        "firstTokenTimeout must not be negative (0 picks by model), was -1"),
                refused("openai", c -> c.setRateLimitAccount(KEY), "rateLimitAccount must be a name for the account"
                                                                   + " (e.g. openai-prod), not blank and not the API key"),
                refused("openai", c -> c.setAggregateStream(true), "aggregateStream=true needs stream=true"),
                refused("openai", c -> c.setProxyPort(3128), "proxyPort is set but proxyHost is not"),
                refused("openai", c -> c.setRouterPolicy("fastest"),
                        "routerPolicy applies to the Hugging Face router only, not to provider 'openai'"),
                refused("openai", c -> c.setStop("a,b,c,d,e"), "stop takes at most 4 sequences, got 5"),
                refused("openai", c -> c.setInputPrice(1.0),
                        "inputPrice and outputPrice go together (USD per million tokens): set both or neither"),
                refused("openai", c -> c.setOutputClass("com.example.Missing"),
                        "outputClass 'com.example.Missing' is not on the classpath"),
                refused("openai", c -> c.setResponseFormat("json_schema"),
                        "responseFormat=json_schema needs jsonSchema (inline JSON, classpath:... or file:...)"),
                refused("openai", c -> c.setJsonSchema("{\"type\":\"object\"}"),
                        "jsonSchemaName 'my schema' must be 1 to 64 letters, digits, '_' or '-'",
                        c -> c.setJsonSchemaName("my schema")),
                refused("openai", c -> c.setMaxToolRounds(0), "maxToolRounds must be at least 1, was 0"),
                refused("openai", c -> c.setTools("missing"),
                        "tools names 'missing', but there is no InferenceTool bean of that name"),
                refused("openai", c -> c.setSchemaRetries(1), "schemaRetries needs jsonSchema or outputClass"),
                refused("openai", c -> c.setCaptureContentMaxChars(-1), "captureContentMaxChars must be between 0"
                                                                        + " and 1000000 (the most characters of prompt or"
                                                                        + " answer text recorded per span attribute), was -1"));
    }

    @SafeVarargs
    private static Arguments refused(
            String provider, Consumer<InferenceConfiguration> option, String message,
            Consumer<InferenceConfiguration>... more) {
        Consumer<InferenceConfiguration> all = option;
        for (Consumer<InferenceConfiguration> next : more) {
            all = all.andThen(next);
        }
        return Arguments.of(provider, all, "inference:" + provider + ": " + message);
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("refused")
    void aWrongOptionIsRefusedWithWhatToFix(String provider, Consumer<InferenceConfiguration> option, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> resolve(provider, option));

        assertEquals(message, e.getMessage());
    }

    @Test
    void aMissingKeyNamesTheEnvironmentVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OptionsResolver.resolve("openai", null, new InferenceConfiguration(), context, environment::get,
                        wire()));

        assertEquals("inference:openai: no API key for provider 'openai': set the OPENAI_API_KEY environment"
                     + " variable or the apiKey option (e.g. apiKey={{env:OPENAI_API_KEY}})",
                e.getMessage());
    }

    @Test
    void aModelThatSucceedsItselfIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> resolve("openai", c -> c.setModelSuccessor("gpt-5-mini")));

        assertTrue(e.getMessage().startsWith("inference:openai: "), e.getMessage());
        assertTrue(e.getMessage().contains("gpt-5-mini"), e.getMessage());
    }

    @Test
    void theDefaultsAreTheProvidersOwn() {
        EndpointOptions options = resolve("openai", c -> {
        });

        assertEquals(ProviderType.OPENAI, options.providerType());
        assertEquals("gpt-5-mini", options.model());
        assertEquals("https://api.openai.com/v1", options.client().baseUri().toString());
        assertEquals(Map.of(), options.tools());
        assertFalse(options.output().checksSchema());
        assertFalse(options.rateLimits().limited());
        assertEquals(32_768, options.spending().outputTokens());
        assertEquals(Prices.GPT_5_MINI, options.prices("gpt-5-mini"), "the built-in price list");
        assertNull(options.prices("some-other-model"));
    }

    @Test
    void theKeyComesFromTheEnvironmentWhenTheOptionIsNotSet() {
        environment.put("OPENAI_API_KEY", "sk-from-env-0123");

        EndpointOptions options = OptionsResolver.resolve("openai", null, new InferenceConfiguration(), context,
                environment::get, wire());

        assertEquals("sk-from-env-0123", options.client().apiKey());
        assertFalse(options.toString().contains("sk-from-env"), "the options never print the key");
    }

    @Test
    void theRateLimitAccountIsTheProviderAtItsHostUnlessNamed() {
        assertEquals("openai@api.openai.com", resolve("openai", c -> c.setRequestsPerMinute(60)).rateLimits().account());
        assertEquals("local@localhost:8000", resolve("local", c -> {
            c.setBaseUrl("http://localhost:8000/v1");
            c.setModel("m");
        }).rateLimits().account());
        assertEquals("openai-prod", resolve("openai", c -> c.setRateLimitAccount("openai-prod")).rateLimits().account());
    }

    @Test
    void theFirstTokenTimeoutFollowsTheReasoningEffortUnlessSet() {
        assertEquals(Duration.ofSeconds(90), resolve("openai", c -> {
        }).client().firstTokenTimeout(), "GPT-5 models reason at medium effort unless told otherwise");
        assertEquals(Duration.ofSeconds(10),
                resolve("openai", c -> c.setReasoningEffort("minimal")).client().firstTokenTimeout());
        assertEquals(Duration.ofSeconds(60), resolve("openai", c -> {
        }).pacing().streamIdleTimeout("high"), "a message asking for more reasoning gets that effort's");
        assertEquals(Duration.ofSeconds(4), resolve("openai", c -> c.setFirstTokenTimeout(4_000)).pacing()
                .firstTokenTimeout("high"), "the option wins over any effort");
    }

    @Test
    void valuesAreDerivedOnce() {
        EndpointOptions options = resolve("openai", c -> {
            c.setInputPrice(1.0);
            c.setOutputPrice(4.0);
            c.setStop("END,STOP");
            c.setAdditionalBodyProperties(Map.of("store", "true", "top_k", "40", "metadata", "{\"team\":\"a\"}"));
        });

        assertEquals(new Prices(1.0, 1.0, 4.0), options.prices("any"), "cached input costs the input price unless set");
        assertEquals(List.of("END", "STOP"), options.defaults().stop());
        assertEquals(Boolean.TRUE, options.defaults().extraBody().get("store"));
        assertEquals(40L, options.defaults().extraBody().get("top_k"));
        assertInstanceOf(JsonNode.class, options.defaults().extraBody().get("metadata"));
    }

    @Test
    void theRouterPolicyIsASuffixOnTheModelId() {
        EndpointOptions options = resolve("huggingface", c -> c.setRouterPolicy("FASTEST"));

        assertEquals("openai/gpt-oss-120b:fastest", options.modelId("openai/gpt-oss-120b"));
        assertEquals("openai/gpt-oss-120b", options.bareModel("openai/gpt-oss-120b:fastest"));
    }

    @Test
    void onAzureTheModelIsTheDeploymentAndTheOptionsAreLeftAsGiven() {
        InferenceConfiguration config = new InferenceConfiguration();
        config.setApiKey(KEY);
        config.setResource("my-resource");
        config.setDeployment("prod-mini");

        EndpointOptions options = OptionsResolver.resolve("azure", null, config, context, environment::get, wire());

        assertEquals("prod-mini", options.model());
        assertNull(options.azure().credential(), "a key: no Entra ID credential");
        assertNull(config.getModel(), "the resolver reads the options and never writes them");
    }

    private EndpointOptions resolve(String provider, Consumer<InferenceConfiguration> options) {
        InferenceConfiguration config = new InferenceConfiguration();
        config.setApiKey(KEY);
        options.accept(config);
        return OptionsResolver.resolve(provider, null, config, context, environment::get, wire());
    }

    private static ChatWireFormat wire() {
        return new ChatWireFormat(new ObjectMapper());
    }
}

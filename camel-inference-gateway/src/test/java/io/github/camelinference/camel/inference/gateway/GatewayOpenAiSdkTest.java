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
package io.github.camelinference.camel.inference.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.errors.SseException;
import com.openai.errors.UnauthorizedException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ReasoningEffort;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.models.Model;
import io.github.camelinference.camel.inference.budget.BudgetGuard;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway as an OpenAI client sees it: the official openai-java SDK against the gateway, in front of two simulators
 * (OpenAI for {@code smart}'s first target, the Hugging Face router for {@code smart}'s second and for {@code cheap}).
 * One gateway for the class, on an ephemeral port; each test scripts the simulators afresh.
 */
@Timeout(60)
class GatewayOpenAiSdkTest {

    private static final String ACME = "gk-acme-test";
    private static final String GLOBEX = "gk-globex-test";
    private static final String INITECH = "gk-initech-test";
    private static final String HOOLI = "gk-hooli-test";
    private static final String ANSWER = "Simulated answer to: Say hello";

    private static ProviderSimulator openai;
    private static ProviderSimulator huggingface;
    private static TestGateway gateway;
    private static String baseUrl;

    @BeforeAll
    static void startGateway() throws Exception {
        openai = ProviderSimulator.start(Flavour.OPENAI);
        huggingface = ProviderSimulator.start(Flavour.HUGGINGFACE);
        Map<String, String> settings = new HashMap<>();
        settings.put("gateway.tenant.acme.key", ACME);
        settings.put("gateway.tenant.globex.key", GLOBEX);
        settings.put("gateway.tenant.initech.key", INITECH);
        settings.put("gateway.tenant.initech.models", "smart,cheap");
        settings.put("gateway.tenant.hooli.key", HOOLI);
        settings.put("gateway.tenant.hooli.requestsPerMinute", "2");
        settings.put("gateway.requestTimeout", "2000");
        settings.put("gateway.firstTokenTimeout", "2000");
        settings.put("gateway.retryDelay", "20");
        // why: no breaker opens during the class, so each test sees its own script only (Resilience4j takes the
        // smaller of the two as the minimum: both are raised)
        settings.put("gateway.breaker.minimumNumberOfCalls", "100000");
        settings.put("gateway.breaker.slidingWindowSize", "1000");
        gateway = TestGateway.start(openai, huggingface, settings);
        baseUrl = gateway.baseUrl();
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close();
        openai.close();
        huggingface.close();
    }

    @BeforeEach
    void answerNormally() {
        openai.reset().always(Reply.answer());
        huggingface.reset().always(Reply.answer());
    }

    private static OpenAIClient client(String key) {
        return OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey(key).maxRetries(0)
                .timeout(Duration.ofSeconds(20)).build();
    }

    private static ChatCompletionCreateParams.Builder hello(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hello");
    }

    @Test
    void answersAsJsonNamingTheProvider() {
        HttpResponseFor<ChatCompletion> raw = client(ACME).chat().completions().withRawResponse()
                .create(hello("smart").build());
        ChatCompletion answer = raw.parse();
        assertEquals(ANSWER, answer.choices().get(0).message().content().orElseThrow());
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, answer.choices().get(0).finishReason());
        assertEquals(7, answer.usage().orElseThrow().totalTokens());
        assertEquals("openai", raw.headers().values("x-camel-inference-provider").get(0));
        assertTrue(raw.headers().values("x-request-id").get(0).startsWith("gw-"));
        assertEquals("gpt-5-mini", openai.lastRequest().json().path("model").asText());
    }

    @Test
    void streamsDeltasThenFinishUsageAndDone() {
        List<String> deltas = new ArrayList<>();
        List<String> finishReasons = new ArrayList<>();
        List<Long> usage = new ArrayList<>();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client(ACME).chat().completions().createStreaming(
                hello("smart").streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                        .build())) {
            stream.stream().forEach(chunk -> {
                chunks.add(chunk);
                chunk.choices().forEach(choice -> {
                    choice.delta().content().ifPresent(deltas::add);
                    choice.finishReason().ifPresent(reason -> finishReasons.add(reason.asString()));
                });
                chunk.usage().ifPresent(u -> usage.add(u.totalTokens()));
            });
        }
        assertTrue(deltas.size() > 1, "the answer came in several deltas: " + deltas);
        assertEquals(ANSWER, String.join("", deltas));
        assertEquals(List.of("stop"), finishReasons);
        assertEquals(List.of(7L), usage);
        assertTrue(chunks.stream().allMatch(chunk -> "openai".equals(provider(chunk))), "each chunk names its provider");
        assertFalse(chunks.get(chunks.size() - 1)._additionalProperties().containsKey("continued_from"),
                "a stream that was not continued does not say it was");
    }

    @Test
    void listsTheModelsTheTenantMayUse() {
        List<String> acme = client(ACME).models().list().data().stream().map(Model::id).sorted().toList();
        List<String> globex = client(GLOBEX).models().list().data().stream().map(Model::id).toList();
        assertEquals(List.of("cheap", "smart"), acme);
        assertEquals(List.of("cheap"), globex);
    }

    private static final String TOOL_CALL_ANSWER = """
            {"id":"chatcmpl-t1","object":"chat.completion","created":1,"model":"gpt-5-mini-2025-08-07",
             "choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,
               "tool_calls":[{"id":"call_1","type":"function",
                 "function":{"name":"lookupOrder","arguments":"{\\"order\\":\\"A-17\\"}"}}]}}],
             "usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19}}""";

    private static ChatCompletionCreateParams.Builder toolConversation() {
        return ChatCompletionCreateParams.builder().model("smart")
                .addUserMessage("Where is order A-17?")
                .addMessage(ChatCompletionAssistantMessageParam.builder().addToolCall(
                        ChatCompletionMessageFunctionToolCall.builder().id("call_0").function(
                                ChatCompletionMessageFunctionToolCall.Function.builder().name("lookupOrder")
                                        .arguments("{\"order\":\"A-16\"}").build())
                                .build())
                        .build())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId("call_0").content("shipped").build())
                .addFunctionTool(FunctionDefinition.builder().name("lookupOrder").description("Finds an order")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of("order",
                                        Map.of("type", "string"))))
                                .build())
                        .build())
                .toolChoice(ChatCompletionToolChoiceOption.Auto.AUTO);
    }

    @Test
    void passesToolsThroughAndKeepsTheToolCalls() {
        openai.always(Reply.json(200, TOOL_CALL_ANSWER));
        ChatCompletion answer = client(ACME).chat().completions().create(toolConversation().build());

        ChatCompletion.Choice choice = answer.choices().get(0);
        assertEquals(ChatCompletion.Choice.FinishReason.TOOL_CALLS, choice.finishReason());
        ChatCompletionMessageFunctionToolCall call = choice.message().toolCalls().orElseThrow().get(0).asFunction();
        assertEquals("lookupOrder", call.function().name());
        assertEquals("{\"order\":\"A-17\"}", call.function().arguments());
        assertEquals(19, answer.usage().orElseThrow().totalTokens());

        JsonNode sent = openai.lastRequest().json();
        assertEquals("lookupOrder", sent.path("tools").path(0).path("function").path("name").asText());
        assertEquals("auto", sent.path("tool_choice").asText());
        JsonNode messages = sent.path("messages");
        assertEquals("call_0", messages.path(1).path("tool_calls").path(0).path("id").asText());
        assertEquals("tool", messages.path(2).path("role").asText());
        assertEquals("call_0", messages.path(2).path("tool_call_id").asText());
        assertEquals("shipped", messages.path(2).path("content").asText());
    }

    @Test
    void streamsToolCallFragmentsAsTheyArriveAndTheSdkAssemblesTheCall() {
        openai.always(Reply.toolCall("lookupOrder", "{\"order\":\"A-17\",\"fields\":[\"status\",\"eta\"]}")
                .paced(Duration.ofMillis(40)));
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        List<Long> argumentArrivals = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client(ACME).chat().completions()
                .createStreaming(toolConversation().streamOptions(ChatCompletionStreamOptions.builder()
                        .includeUsage(true).build()).build())) {
            stream.stream().forEach(chunk -> {
                if (!argumentFragments(chunk).isEmpty()) {
                    argumentArrivals.add(System.nanoTime());
                }
                chunks.add(accumulator.accumulate(chunk));
            });
        }

        assertTrue(argumentArrivals.size() > 1, "the arguments came in several chunks: " + chunks);
        long spreadMillis = (argumentArrivals.get(argumentArrivals.size() - 1) - argumentArrivals.get(0)) / 1_000_000;
        assertTrue(spreadMillis >= 100, "fragments paced 40 ms apart by the provider reached the client as they came,"
                                        + " not at once: " + spreadMillis + " ms from first to last");
        ChatCompletion whole = accumulator.chatCompletion();
        ChatCompletion.Choice choice = whole.choices().get(0);
        assertEquals(ChatCompletion.Choice.FinishReason.TOOL_CALLS, choice.finishReason());
        List<ChatCompletionMessageToolCall> calls = choice.message().toolCalls().orElseThrow();
        assertEquals(1, calls.size());
        ChatCompletionMessageFunctionToolCall call = calls.get(0).asFunction();
        assertTrue(call.id().startsWith("call_"), call.id());
        assertEquals("lookupOrder", call.function().name());
        assertEquals("{\"order\":\"A-17\",\"fields\":[\"status\",\"eta\"]}", call.function().arguments());
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertTrue(last.choices().isEmpty());
        // the simulator counts one completion token per fragment: the usage is the provider's own
        assertEquals(argumentArrivals.size(), last.usage().orElseThrow().completionTokens(), "usage in the last chunk");
        assertEquals(last.usage(), whole.usage());
        assertTrue(chunks.stream().allMatch(chunk -> "openai".equals(provider(chunk))), "every chunk names the provider");

        JsonNode sent = openai.lastRequest().json();
        assertTrue(sent.path("stream").asBoolean(), "the provider was asked for a stream");
        assertEquals("lookupOrder", sent.path("tools").path(0).path("function").path("name").asText());
    }

    @Test
    void aToolCallCutMidStreamEndsWithAnErrorEventNeverAWholeLookingCall() throws Exception {
        // the primary breaks inside the call's arguments: a continuation could not finish them, so none is tried
        openai.always(Reply.toolCall("lookupOrder", "{\"order\":\"A-17\"}").paced(Duration.ofMillis(20))
                .cutAfterChunks(4));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
                .uri(URI.create(baseUrl + "/chat/completions")).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + ACME).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"smart\",\"stream\":true,\"messages\":"
                                                          + "[{\"role\":\"user\",\"content\":\"Where is order A-17?\"}],\"tools\":[{\"type\":"
                                                          + "\"function\",\"function\":{\"name\":\"lookupOrder\",\"parameters\":{\"type\":"
                                                          + "\"object\"}}}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        assertEquals(200, response.statusCode());
        assertTrue(body.contains("\"name\":\"lookupOrder\""), "the call's first fragments went out: " + body);
        assertTrue(body.contains("data: {\"error\":{"), body);
        assertFalse(body.contains("[DONE]"), body);
        assertFalse(body.contains("\"finish_reason\":\"tool_calls\""), body);
        assertEquals(0, huggingface.requestCount(), "a cut tool call is not continued elsewhere");

        // the SDK fails the stream, and its accumulator never holds a completion
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        List<String> fragments = new ArrayList<>();
        assertThrows(RuntimeException.class, () -> {
            try (StreamResponse<ChatCompletionChunk> stream = client(ACME).chat().completions()
                    .createStreaming(toolConversation().build())) {
                stream.stream().forEach(chunk -> fragments.addAll(argumentFragments(accumulator.accumulate(chunk))));
            }
        });
        assertFalse(fragments.isEmpty(), "fragments had reached the client before the cut");
        assertThrows(IllegalStateException.class, accumulator::chatCompletion);
    }

    /** The argument fragments a chunk carries (none for other chunks). */
    private static List<String> argumentFragments(ChatCompletionChunk chunk) {
        List<String> fragments = new ArrayList<>();
        chunk.choices().forEach(choice -> choice.delta().toolCalls().ifPresent(calls -> calls.forEach(
                call -> call.function().flatMap(ChatCompletionChunk.Choice.Delta.ToolCall.Function::arguments)
                        .filter(arguments -> !arguments.isEmpty()).ifPresent(fragments::add))));
        return fragments;
    }

    /** The chunk's top-level {@code provider} field, which the SDK keeps among the fields it does not know. */
    private static String provider(ChatCompletionChunk chunk) {
        JsonValue value = chunk._additionalProperties().get("provider");
        return value == null ? null : value.convert(String.class);
    }

    @Test
    void passesStructuredOutputThrough() {
        openai.always(Reply.json(200, """
                {"id":"chatcmpl-s1","object":"chat.completion","created":1,"model":"gpt-5-mini-2025-08-07",
                 "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant",
                   "content":"{\\"category\\":\\"refund\\"}"}}],
                 "usage":{"prompt_tokens":9,"completion_tokens":5,"total_tokens":14}}"""));
        ResponseFormatJsonSchema format = ResponseFormatJsonSchema.builder().jsonSchema(
                ResponseFormatJsonSchema.JsonSchema.builder().name("ticket").strict(true)
                        .schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of("category",
                                        Map.of("type", "string"))))
                                .putAdditionalProperty("required", JsonValue.from(List.of("category")))
                                .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                                .build())
                        .build())
                .build();
        ChatCompletion answer = client(ACME).chat().completions().create(ChatCompletionCreateParams.builder()
                .model("smart").addUserMessage("Classify: my refund has not arrived").responseFormat(format)
                .build());

        assertEquals("{\"category\":\"refund\"}", answer.choices().get(0).message().content().orElseThrow());
        JsonNode sent = openai.lastRequest().json().path("response_format");
        assertEquals("json_schema", sent.path("type").asText());
        assertEquals("ticket", sent.path("json_schema").path("name").asText());
        assertTrue(sent.path("json_schema").path("strict").asBoolean());
        assertEquals("string", sent.path("json_schema").path("schema").path("properties").path("category")
                .path("type").asText());
    }

    @Test
    void passesParametersAndContentPartsThrough() {
        client(ACME).chat().completions().create(ChatCompletionCreateParams.builder().model("smart")
                .addUserMessageOfArrayOfContentParts(List.of(
                        ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text("Say").build()),
                        ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text("hello")
                                .build()),
                        ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder().imageUrl(
                                ChatCompletionContentPartImage.ImageUrl.builder().url("https://example.com/a.png")
                                        .build())
                                .build())))
                .maxCompletionTokens(300).reasoningEffort(ReasoningEffort.MINIMAL)
                .verbosity(ChatCompletionCreateParams.Verbosity.LOW).stop("END").seed(42).user("u-1").build());

        JsonNode sent = openai.lastRequest().json();
        JsonNode parts = sent.path("messages").path(0).path("content");
        assertEquals("hello", parts.path(1).path("text").asText());
        assertEquals("https://example.com/a.png", parts.path(2).path("image_url").path("url").asText());
        assertEquals(300, sent.path("max_completion_tokens").asInt());
        assertEquals("minimal", sent.path("reasoning_effort").asText());
        assertEquals("low", sent.path("verbosity").asText());
        assertEquals("END", sent.path("stop").isArray()
                ? sent.path("stop").path(0).asText()
                : sent.path("stop").asText());
        assertEquals(42, sent.path("seed").asInt());
        assertEquals("u-1", sent.path("user").asText());
    }

    @Test
    void refusesAMalformedRequestWith400() {
        BadRequestException e = assertThrows(BadRequestException.class, () -> client(ACME).chat().completions()
                .create(ChatCompletionCreateParams.builder().model("smart").messages(List.of()).build()));
        assertEquals(400, e.statusCode());
        assertEquals(0, openai.requestCount() + huggingface.requestCount());
    }

    @Test
    void refusesAWrongKeyWith401BeforeAnyProviderCall() {
        UnauthorizedException e = assertThrows(UnauthorizedException.class,
                () -> client("sk-not-a-gateway-key").chat().completions().create(hello("smart").build()));
        assertEquals(401, e.statusCode());
        assertEquals("invalid_api_key", e.code().orElseThrow());
        assertEquals(0, openai.requestCount() + huggingface.requestCount());
    }

    @Test
    void answersAnUnknownModelWith404() {
        assertThrows(NotFoundException.class, () -> client(ACME).chat().completions().create(hello("gpt-9").build()));
        // a model the tenant may not use looks the same as one that does not exist
        assertThrows(NotFoundException.class,
                () -> client(GLOBEX).chat().completions().create(hello("smart").build()));
        assertEquals(0, openai.requestCount() + huggingface.requestCount());
    }

    @Test
    void answersRateLimitsWith429AndRetryAfter() {
        huggingface.always(Reply.json(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\","
                                           + "\"code\":\"rate_limit_exceeded\"}}")
                .withHeader("retry-after", "120"));
        RateLimitException e = assertThrows(RateLimitException.class,
                () -> client(ACME).chat().completions().create(hello("cheap").build()));
        assertEquals(429, e.statusCode());
        assertEquals("120", e.headers().values("retry-after").get(0));
    }

    @Test
    void refusesATenantOverItsRequestsPerMinuteWith429BeforeAnyProviderCall() {
        client(HOOLI).chat().completions().create(hello("cheap").build());
        client(HOOLI).chat().completions().create(hello("cheap").build());
        assertEquals(2, huggingface.requestCount());

        RateLimitException e = assertThrows(RateLimitException.class,
                () -> client(HOOLI).chat().completions().create(hello("cheap").build()));
        assertEquals(429, e.statusCode());
        assertEquals("rate_limit_exceeded", e.code().orElseThrow());
        long retryAfter = Long.parseLong(e.headers().values("retry-after").get(0));
        assertTrue(retryAfter >= 1 && retryAfter <= 30, "Retry-After " + retryAfter);
        assertEquals(2, huggingface.requestCount());
        // another tenant is not affected
        client(ACME).chat().completions().create(hello("cheap").build());
    }

    @Test
    void answersProviderFailuresWith502WithoutTheProviderKey() {
        huggingface.always(Reply.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: hf_simulated."
                                           + " You can find your API key at https://huggingface.co/settings/tokens\","
                                           + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));
        OpenAIServiceException e = assertThrows(OpenAIServiceException.class,
                () -> client(ACME).chat().completions().create(hello("cheap").build()));
        assertEquals(502, e.statusCode());
        assertFalse(e.body().toString().contains("hf_simulated"), e.body().toString());
    }

    /** A client as an application builds it: the SDK's own retries left on (two, after a 408, 409, 429 or 5xx). */
    private static OpenAIClient retryingClient(String key) {
        return OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey(key).timeout(Duration.ofSeconds(20)).build();
    }

    @Test
    void theSdkRetriesA5xxWhichIsWhyARefusalMustNotBeOne() {
        huggingface.always(Reply.json(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"));
        OpenAIServiceException e = assertThrows(OpenAIServiceException.class,
                () -> retryingClient(ACME).chat().completions().create(hello("cheap").build()));
        assertEquals(502, e.statusCode());
        assertEquals(3, huggingface.requestCount(), "the SDK sent the request three times");
    }

    @Test
    void refusesAContentFilteredPromptWith400NamingTheCategoryAndTheSdkSendsItOnce() {
        openai.always(Reply.contentFiltered("violence"));
        BadRequestException e = assertThrows(BadRequestException.class,
                () -> retryingClient(ACME).chat().completions().create(hello("smart").build()));

        assertEquals(400, e.statusCode());
        assertEquals("content_policy_violation", e.code().orElseThrow());
        assertEquals("invalid_request_error", e.type().orElseThrow());
        String message = errorMessage(e);
        assertTrue(message.contains("content filter") && message.contains("violence (high)"), message);
        assertEquals(1, openai.requestCount(), "one provider call: the SDK did not retry");
        assertEquals(0, huggingface.requestCount(), "a refusal is not failed over to the next target");
    }

    @Test
    void refusesAContentFilteredStreamBeforeItsFirstByteWith400AndTheSdkSendsItOnce() {
        openai.always(Reply.contentFiltered("self_harm"));
        BadRequestException e = assertThrows(BadRequestException.class, () -> {
            try (StreamResponse<ChatCompletionChunk> stream = retryingClient(ACME).chat().completions()
                    .createStreaming(hello("smart").build())) {
                stream.stream().forEach(chunk -> {
                });
            }
        });

        assertEquals(400, e.statusCode());
        assertEquals("content_policy_violation", e.code().orElseThrow());
        String message = errorMessage(e);
        assertTrue(message.contains("self_harm (high)"), message);
        assertEquals(1, openai.requestCount(), "one provider call: the SDK did not retry");
        assertEquals(0, huggingface.requestCount());
    }

    /** The error's message; the SDK's {@code body()} is the {@code error} object of the answer. */
    private static String errorMessage(OpenAIServiceException e) {
        return e.body().convert(JsonNode.class).path("message").asText();
    }

    @Test
    void endsAStreamTheFilterStopsMidWayWithAContentPolicyErrorEventAndNoDone() throws Exception {
        Reply filteredMidWay = Reply.sseData(
                "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-5-mini\","
                                             + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Once upon\"}}]}",
                "{\"error\":{\"message\":\"The response was filtered due to the prompt triggering Azure OpenAI's"
                                                                                                                                            + " content management policy.\",\"code\":\"content_filter\",\"status\":400,\"innererror\":{"
                                                                                                                                            + "\"code\":\"ResponsibleAIPolicyViolation\",\"content_filter_result\":{\"sexual\":{"
                                                                                                                                            + "\"filtered\":true,\"severity\":\"medium\"}}}}}");
        openai.always(filteredMidWay);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
                .uri(URI.create(baseUrl + "/chat/completions")).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + ACME).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"smart\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Tell a story\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), "the status went out with the first delta");
        String body = response.body();
        assertTrue(body.contains("\"content\":\"Once upon\""), body);
        String errorEvent = body.lines().filter(line -> line.startsWith("data: {\"error\"")).findFirst()
                .orElseThrow(() -> new AssertionError("no error event: " + body));
        JsonNode error = new ObjectMapper().readTree(errorEvent.substring(6))
                .path("error");
        assertEquals("content_policy_violation", error.path("code").asText());
        assertEquals("invalid_request_error", error.path("type").asText());
        assertTrue(error.path("message").asText().contains("sexual (medium)"), errorEvent);
        assertFalse(body.contains("[DONE]"), body);
        assertEquals(1, openai.requestCount());
        assertEquals(0, huggingface.requestCount(), "a refused answer is not continued on the next target");

        // the SDK fails the stream, and does not send the request again
        assertThrows(SseException.class, () -> {
            try (StreamResponse<ChatCompletionChunk> stream = retryingClient(ACME).chat().completions()
                    .createStreaming(hello("smart").build())) {
                stream.stream().forEach(chunk -> {
                });
            }
        });
        assertEquals(2, openai.requestCount(), "one provider call for each of the two requests");
        assertEquals(0, huggingface.requestCount());
    }

    @Test
    void answersTimeoutsWith504() {
        huggingface.always(Reply.stall());
        OpenAIServiceException e = assertThrows(OpenAIServiceException.class,
                () -> client(ACME).chat().completions().create(hello("cheap").build()));
        assertEquals(504, e.statusCode());
    }

    @Test
    void failsOverWhenThePrimaryFailsBeforeTheFirstToken() {
        openai.always(Reply.json(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"));
        List<String> deltas = new ArrayList<>();
        HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw = client(ACME).chat().completions()
                .withRawResponse().createStreaming(hello("smart").build());
        try (StreamResponse<ChatCompletionChunk> stream = raw.parse()) {
            stream.stream().forEach(chunk -> chunk.choices()
                    .forEach(choice -> choice.delta().content().ifPresent(deltas::add)));
        }
        assertEquals(ANSWER, String.join("", deltas));
        assertEquals("huggingface", raw.headers().values("x-camel-inference-provider").get(0));
    }

    @Test
    void continuesAStreamCutMidWayOnTheNextTarget() {
        openai.always(Reply.answer().paced(Duration.ofMillis(20)).cutAfterChunks(3));
        List<String> deltas = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client(ACME).chat().completions()
                .createStreaming(hello("smart").build())) {
            stream.stream().forEach(chunk -> chunk.choices()
                    .forEach(choice -> choice.delta().content().ifPresent(deltas::add)));
        }
        assertEquals(ANSWER, String.join("", deltas));
        assertEquals(1, huggingface.requestCount());
    }

    @Test
    void chunksAfterAContinuationNameTheProviderThatContinuedAndTheLastSaysSo() {
        openai.always(Reply.answer().paced(Duration.ofMillis(20)).cutAfterChunks(3));
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw = client(ACME).chat().completions()
                .withRawResponse().createStreaming(hello("smart").streamOptions(ChatCompletionStreamOptions.builder()
                        .includeUsage(true).build()).build());
        try (StreamResponse<ChatCompletionChunk> stream = raw.parse()) {
            stream.stream().forEach(chunks::add);
        }

        StringBuilder text = new StringBuilder();
        List<String> providers = new ArrayList<>();
        for (ChatCompletionChunk chunk : chunks) {
            chunk.choices().forEach(choice -> choice.delta().content().ifPresent(delta -> {
                text.append(delta);
                providers.add(provider(chunk) + ":" + delta);
            }));
        }
        assertEquals(ANSWER, text.toString());
        // the primary's two words, then the router's rest of the answer, each chunk naming who wrote it
        assertEquals(List.of("openai:Simulated", "openai: answer", "huggingface: to:", "huggingface: Say",
                "huggingface: hello"), providers);
        assertEquals("gpt-5-mini-2025-08-07", chunks.get(0).model());
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertEquals("huggingface", provider(last));
        assertEquals("openai/gpt-oss-120b", last.model(), "the model that finished the answer");
        assertEquals(List.of("openai"), last._additionalProperties().get("continued_from")
                .convert(new TypeReference<List<String>>() {
                }));
        assertTrue(last.usage().isPresent());
        // the header went out with the first delta, before the continuation
        assertEquals("openai", raw.headers().values("x-camel-inference-provider").get(0));
    }

    @Test
    void endsACutStreamWithAnErrorEventAndNoDone() throws Exception {
        // cheap streams from one target, with no failover step: nothing can continue the answer
        huggingface.always(Reply.answer().paced(Duration.ofMillis(20)).cutAfterChunks(3));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
                .uri(URI.create(baseUrl + "/chat/completions")).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + ACME).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"cheap\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        String body = response.body();
        assertTrue(body.contains("\"content\":\"Simulated\""), body);
        assertTrue(body.contains("data: {\"error\":{"), body);
        assertFalse(body.contains("[DONE]"), body);
        assertFalse(body.contains("\"finish_reason\":\"stop\""), body);
        // and the SDK does not present the truncated answer as complete
        assertThrows(RuntimeException.class, () -> {
            try (StreamResponse<ChatCompletionChunk> stream = client(ACME).chat().completions()
                    .createStreaming(hello("cheap").build())) {
                stream.stream().forEach(chunk -> {
                });
            }
        });
    }

    @Test
    void relaysManyConcurrentStreamsEachWhole() throws Exception {
        openai.always(Reply.answer().paced(Duration.ofMillis(20)));
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            calls.add(http.sendAsync(HttpRequest.newBuilder().uri(URI.create(baseUrl + "/chat/completions"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + ACME)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"smart\",\"stream\":true,\"messages\":"
                                                              + "[{\"role\":\"user\",\"content\":\"Say hello " + i + "\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < calls.size(); i++) {
            String body = calls.get(i).get(30, TimeUnit.SECONDS).body();
            assertTrue(body.contains("\"content\":\" " + i + "\""), body);
            assertTrue(body.endsWith("data: [DONE]\n\n"), body);
        }
    }

    @Test
    void refusesATenantOverItsBudgetWhileAnotherStillWorks() {
        BudgetGuard budget = gateway.main().getCamelContext().getRegistry().lookupByNameAndType("budget", BudgetGuard.class);
        budget.record("initech", budget.limitUsd() + 1);

        RateLimitException e = assertThrows(RateLimitException.class,
                () -> client(INITECH).chat().completions().create(hello("cheap").build()));
        assertEquals(429, e.statusCode());
        assertEquals("budget_exceeded", e.code().orElseThrow());
        assertTrue(Long.parseLong(e.headers().values("retry-after").get(0)) > 0);
        assertEquals(0, huggingface.requestCount());

        ChatCompletion other = client(GLOBEX).chat().completions().create(hello("cheap").build());
        assertEquals(ANSWER, other.choices().get(0).message().content().orElseThrow());
    }
}

package io.github.camelinference.camel.inference;

import io.github.camelinference.camel.inference.budget.BudgetGuard;
import io.github.camelinference.camel.inference.chat.CallInfo;
import io.github.camelinference.camel.inference.chat.ChatMessage;
import io.github.camelinference.camel.inference.chat.ChatParameters;
import io.github.camelinference.camel.inference.chat.ChatRequest;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.chat.ChatResult;
import io.github.camelinference.camel.inference.chat.Prices;
import io.github.camelinference.camel.inference.chat.SchemaCheck;
import io.github.camelinference.camel.inference.chat.Usage;
import io.github.camelinference.camel.inference.error.ErrorDetails;
import io.github.camelinference.camel.inference.error.ErrorKind;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.http.StreamingCall;
import io.github.camelinference.camel.inference.stream.ChatStream;
import io.github.camelinference.camel.inference.stream.StreamListener;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.support.DefaultAsyncProducer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends the message to the provider and completes the exchange when the answer arrives, without holding a thread
 * meanwhile. Streamed calls complete the exchange at the first text delta, so everything that can fail before an
 * answer starts (HTTP errors, first-token timeout, an error event) fails the exchange itself, where a circuit breaker
 * or failover can still act; what fails later ends the body's iteration with the typed error.
 */
public class InferenceProducer extends DefaultAsyncProducer {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(InferenceProducer.class);

    private final InferenceEndpoint endpoint;
    private ProducerTemplate tools;

    public InferenceProducer(InferenceEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (!endpoint.tools().isEmpty()) {
            tools = endpoint.getCamelContext().createProducerTemplate();
            tools.start();
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (tools != null) {
            tools.stop();
        }
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        countCall(exchange);
        try {
            return send(exchange, callback, parameters(exchange));
        } catch (RuntimeException e) {
            // nothing escapes process(): bad input, or a call that could not even start, fails this exchange alone
            fail(exchange, e, null);
            callback.done(true);
            return true;
        }
    }

    private boolean send(Exchange exchange, AsyncCallback callback, ChatParameters parameters) {
        BudgetGuard guard = endpoint.getConfiguration().getBudgetGuard();
        if (guard != null) {
            String key = budgetKey(exchange);
            if (!guard.allows(key)) {
                throw InferenceException.of(ErrorKind.BUDGET_EXCEEDED, ErrorDetails.of(endpoint.getProvider(),
                        String.format(java.util.Locale.ROOT, "budget '%s' spent: %.6f of %.6f USD this %s", key,
                                guard.spent(key), guard.limitUsd(), guard.window().name().toLowerCase(
                                        java.util.Locale.ROOT))), null);
            }
        }
        Executor continuations = endpoint.getComponent().continuations();
        Observation observation = new Observation(parameters.model(), System.nanoTime());
        if (!parameters.stream()) {
            withTools(exchange, parameters, 1)
                    .whenCompleteAsync((result, failure) -> {
                        try {
                            if (failure != null) {
                                throw unwrap(failure);
                            }
                            Message message = exchange.getMessage();
                            message.setBody(answerBody(result.response(), result.info()));
                            setAnswerHeaders(exchange, message, result.response(), result.info());
                            observation.answered(result.response(), result.info());
                        } catch (Throwable error) {
                            fail(exchange, error, observation);
                        }
                        callback.done(false);
                    }, continuations);
        } else if (endpoint.getConfiguration().isAggregateStream()) {
            endpoint.client().stream(parameters, new AggregatingListener(exchange, callback, continuations, observation));
        } else {
            IteratingListener listener = new IteratingListener(exchange, callback, continuations, observation);
            listener.call.set(endpoint.client().stream(parameters, listener));
        }
        return false;
    }

    /**
     * A non-streamed call whose answer must match the jsonSchema: an answer that does not is asked again, with what is
     * wrong with it, up to {@code retriesLeft} times.
     */
    private CompletableFuture<ChatResult> answer(Exchange exchange, ChatParameters parameters, int retriesLeft) {
        return endpoint.client().complete(parameters).thenCompose(result -> {
            SchemaCheck check = endpoint.schemaCheck();
            List<String> problems = check == null ? List.of() : check.problems(result.response().text());
            if (problems.isEmpty() || retriesLeft == 0) {
                return CompletableFuture.completedFuture(result);
            }
            countCall(exchange);
            List<ChatMessage> messages = new ArrayList<>(parameters.messages());
            messages.add(ChatMessage.assistant(String.valueOf(result.response().text())));
            messages.add(ChatMessage.user("That answer does not match the required JSON schema: "
                                          + String.join("; ", problems)
                                          + ". Reply again with only JSON that matches the schema."));
            return answer(exchange, parameters.withMessages(messages), retriesLeft - 1);
        });
    }

    /**
     * In auto tool mode, runs the model's tool calls through their endpoints (on the route pool, never on an I/O
     * thread) and sends the results back, round after round, until the model answers or maxToolRounds is reached.
     */
    private CompletableFuture<ChatResult> withTools(Exchange exchange, ChatParameters parameters, int round) {
        CompletableFuture<ChatResult> answer = answer(exchange, parameters,
                endpoint.getConfiguration().getSchemaRetries());
        if (endpoint.tools().isEmpty() || !"auto".equals(endpoint.getConfiguration().getToolMode())) {
            return answer;
        }
        return answer.thenComposeAsync(result -> {
            ChatResponse response = result.response();
            JsonNode calls = response.choices().isEmpty() ? null : response.choices().get(0).toolCalls();
            if (calls == null) {
                return CompletableFuture.completedFuture(result);
            }
            int limit = endpoint.getConfiguration().getMaxToolRounds();
            if (round >= limit) {
                throw invalidInput("the model was still calling tools after " + limit
                                   + " rounds (maxToolRounds): " + calls);
            }
            List<ChatMessage> messages = new ArrayList<>(parameters.messages());
            messages.add(ChatMessage.assistantToolCalls(response.text(), calls));
            for (JsonNode call : calls) {
                messages.add(ChatMessage.toolResult(call.path("id").asText(), runTool(call)));
            }
            countCall(exchange);
            return withTools(exchange, parameters.withMessages(messages), round + 1);
        }, endpoint.getComponent().continuations());
    }

    /** Runs one tool call; a failure becomes the tool's result (toolErrors=report) or fails the exchange. */
    private String runTool(JsonNode call) {
        String name = call.path("function").path("name").asText();
        String arguments = call.path("function").path("arguments").asText("{}");
        boolean report = "report".equals(endpoint.getConfiguration().getToolErrors());
        InferenceEndpoint.BoundTool tool = endpoint.tools().get(name);
        String problem = null;
        if (tool == null) {
            problem = "there is no tool named '" + name + "'; the tools are " + endpoint.tools().keySet();
        } else {
            List<String> invalid = tool.arguments().problems(arguments);
            if (!invalid.isEmpty()) {
                problem = "the arguments of " + name + " do not match its schema: " + String.join("; ", invalid);
            }
        }
        if (problem == null) {
            Exchange result = tools.request(tool.endpointUri(), e -> {
                e.getMessage().setBody(arguments);
                e.getMessage().setHeader(InferenceConstants.TOOL_NAME, name);
            });
            if (result.getException() == null) {
                return String.valueOf(result.getMessage().getBody(String.class));
            }
            if (!report) {
                throw org.apache.camel.RuntimeCamelException.wrapRuntimeException(result.getException());
            }
            problem = "the tool " + name + " failed: " + result.getException().getMessage();
        }
        if (!report) {
            throw invalidInput(problem);
        }
        return "error: " + problem;
    }

    /** The body for an answer: its text, checked against the jsonSchema, and unmarshalled to outputClass if set. */
    private Object answerBody(ChatResponse response, CallInfo info) {
        if (!endpoint.tools().isEmpty() && response.text() == null && !response.choices().isEmpty()
            && response.choices().get(0).toolCalls() != null) {
            return response.choices().get(0).toolCalls(); // manual mode: the route decides what to run
        }
        SchemaCheck check = endpoint.schemaCheck();
        if (check == null) {
            return response.text();
        }
        List<String> problems = check.problems(response.text());
        if (problems.isEmpty() && endpoint.outputType() != null) {
            try {
                return endpoint.getComponent().wire().mapper().readValue(response.text(), endpoint.outputType());
            } catch (Exception e) {
                problems = List.of("the answer does not fit " + endpoint.outputType().getName() + ": "
                                   + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        if (!problems.isEmpty()) {
            throw InferenceException.of(ErrorKind.SCHEMA_MISMATCH, new ErrorDetails(info.provider(), 200, null,
                    "schema_mismatch", "the answer does not match the JSON schema: " + String.join("; ", problems),
                    info.requestId(), null), null);
        }
        return response.text();
    }

    /** Counts this call on the exchange, and drops a redelivery delay left by an earlier call of ours. */
    private static void countCall(Exchange exchange) {
        // one shared counter: EIPs such as the circuit breaker work on copies of the exchange, which share it
        AtomicInteger calls = exchange.getProperty(InferenceConstants.CALL_COUNT_PROPERTY, AtomicInteger.class);
        if (calls == null) {
            calls = new AtomicInteger();
            exchange.setProperty(InferenceConstants.CALL_COUNT_PROPERTY, calls);
        }
        calls.incrementAndGet();
        if (exchange.removeProperty(InferenceConstants.DELAY_SET_PROPERTY) != null) {
            exchange.getMessage().removeHeader(InferenceConstants.REDELIVERY_DELAY);
        }
    }

    /** Fails the exchange; a provider's {@code Retry-After} becomes the delay of Camel's next redelivery. */
    private void fail(Exchange exchange, Throwable failure, Observation observation) {
        Throwable error = explainStructuredOutputRefusal(failure);
        exchange.setException(error);
        if (observation != null && error instanceof InferenceException e) {
            observation.failed(e);
        }
        if (error instanceof InferenceException e && e.getRetryAfter() != null
            && endpoint.getConfiguration().isHonourRetryAfter()) {
            exchange.getMessage().setHeader(InferenceConstants.REDELIVERY_DELAY, e.getRetryAfterMillis());
            exchange.setProperty(InferenceConstants.DELAY_SET_PROPERTY, true);
        }
    }

    /**
     * Router backends differ in structured-output support; when one rejects the schema, say so and how to pick one
     * that takes it, instead of a bare 400.
     */
    private Throwable explainStructuredOutputRefusal(Throwable error) {
        if (!(error instanceof InferenceException e) || e.getKind() != ErrorKind.INVALID_REQUEST
            || endpoint.schemaCheck() == null
            || endpoint.providerType() != io.github.camelinference.camel.inference.provider.ProviderType.HUGGINGFACE) {
            return error;
        }
        String said = String.valueOf(e.getProviderMessage()).toLowerCase(java.util.Locale.ROOT);
        if (!said.contains("response_format") && !said.contains("json_schema") && !said.contains("structured")
            && !said.contains("grammar")) {
            return error;
        }
        ErrorDetails d = e.getDetails();
        return InferenceException.of(e.getKind(), new ErrorDetails(d.provider(), d.httpStatus(), d.errorType(),
                d.errorCode(), d.providerMessage() + " (this router backend does not take a JSON schema: pick one"
                               + " whose supports_structured_output is true in GET /v1/models and pin it with"
                               + " routerPolicy=<backend>)", d.requestId(), d.retryAfter()), e);
    }

    /** Reads body, headers and options once, in one place. */
    private ChatParameters parameters(Exchange exchange) {
        InferenceConfiguration config = endpoint.getConfiguration();
        Message in = exchange.getMessage();
        Object body = in.getBody();
        ChatRequest request = body instanceof ChatRequest r ? r : null;

        String systemPrompt = firstNonNull(header(exchange, InferenceConstants.SYSTEM_PROMPT, String.class),
                config.getSystemPrompt());
        List<ChatMessage> messages = new ArrayList<>();
        if (systemPrompt != null && !systemPrompt.isEmpty()) {
            messages.add(ChatMessage.system(systemPrompt));
        }
        messages.addAll(messages(exchange, body, request));
        if (messages.stream().noneMatch(m -> !"system".equals(m.role()) && !"developer".equals(m.role()))) {
            throw invalidInput("the message body has no prompt: send a String, a List of ChatMessage or"
                               + " {role, content} maps, or a ChatRequest");
        }

        String model = firstNonNull(request == null ? null : request.getModel(),
                header(exchange, InferenceConstants.MODEL, String.class), config.getModel(),
                endpoint.providerType().defaultModel());
        Double temperature = firstNonNull(request == null ? null : request.getTemperature(),
                header(exchange, InferenceConstants.TEMPERATURE, Double.class), config.getTemperature());
        Integer maxTokens = firstNonNull(request == null ? null : request.getMaxTokens(),
                header(exchange, InferenceConstants.MAX_TOKENS, Integer.class), config.getMaxTokens());
        Map<String, Object> extra = endpoint.extraBody();
        if (request != null && !request.getExtraBody().isEmpty()) {
            extra = new LinkedHashMap<>(extra);
            extra.putAll(request.getExtraBody());
        }
        return new ChatParameters(endpoint.modelId(model), messages, temperature, config.getTopP(), maxTokens,
                config.getReasoningEffort(), config.getVerbosity(), endpoint.stopSequences(), config.getSeed(),
                config.getUser(), endpoint.responseFormatJson(), config.isStream(), config.isIncludeStreamUsage(),
                extra, endpoint.tools().values().stream().map(InferenceEndpoint.BoundTool::spec).toList());
    }

    private String budgetKey(Exchange exchange) {
        return firstNonNull(header(exchange, InferenceConstants.BUDGET_KEY, String.class),
                endpoint.getConfiguration().getBudgetKey());
    }

    /** A per-message override; a value that is there but not of the right type is an error, never ignored. */
    private <T> T header(Exchange exchange, String name, Class<T> type) {
        Object value = exchange.getMessage().getHeader(name);
        if (value == null) {
            return null;
        }
        T converted;
        try {
            converted = exchange.getContext().getTypeConverter().tryConvertTo(type, exchange, value);
        } catch (RuntimeException e) {
            converted = null;
        }
        if (converted == null) {
            throw invalidInput("header " + name + " must be a " + type.getSimpleName() + ", was '" + value + "'");
        }
        return converted;
    }

    private List<ChatMessage> messages(Exchange exchange, Object body, ChatRequest request) {
        if (request != null) {
            return request.getMessages();
        }
        if (body instanceof ChatMessage message) {
            return List.of(message);
        }
        if (body instanceof List<?> list) {
            List<ChatMessage> messages = new ArrayList<>(list.size());
            for (Object item : list) {
                if (item instanceof ChatMessage message) {
                    messages.add(message);
                } else if (item instanceof Map<?, ?> map && map.get("role") != null && map.get("content") != null) {
                    messages.add(new ChatMessage(map.get("role").toString(), map.get("content").toString()));
                } else {
                    throw invalidInput("message " + messages.size() + " of the body is not a ChatMessage or a map with"
                                       + " 'role' and 'content': " + (item == null ? "null" : item.getClass().getName()));
                }
            }
            return messages;
        }
        String prompt = body == null ? null : exchange.getContext().getTypeConverter().convertTo(String.class, exchange, body);
        return prompt == null || prompt.isBlank() ? List.of() : List.of(ChatMessage.user(prompt));
    }

    private InferenceException invalidInput(String message) {
        return InferenceException.of(ErrorKind.INVALID_REQUEST, ErrorDetails.of(endpoint.getProvider(), message), null);
    }

    /** Who answered: known when the answer starts, so streamed calls set these at their first token. */
    static void setCallHeaders(Exchange exchange, Message message, CallInfo info, String responseId,
                               String responseModel) {
        AtomicInteger calls = exchange.getProperty(InferenceConstants.CALL_COUNT_PROPERTY, AtomicInteger.class);
        message.setHeader(InferenceConstants.ATTEMPTS, calls == null ? 1 : calls.get());
        message.setHeader(InferenceConstants.PROVIDER, info.provider());
        message.setHeader(InferenceConstants.BACKEND, info.backend());
        setIfPresent(message, InferenceConstants.REQUEST_ID, info.requestId());
        setIfPresent(message, InferenceConstants.TIME_TO_FIRST_TOKEN, info.timeToFirstTokenMillis());
        setIfPresent(message, InferenceConstants.RESPONSE_ID, responseId);
        setIfPresent(message, InferenceConstants.RESPONSE_MODEL, responseModel);
    }

    /** Everything about a finished answer: who, how long, why it stopped, and the tokens it cost. */
    private void setAnswerHeaders(Exchange exchange, Message message, ChatResponse response, CallInfo info) {
        setCallHeaders(exchange, message, info, response.id(), response.model());
        message.setHeader(InferenceConstants.LATENCY, info.latencyMillis());
        setIfPresent(message, InferenceConstants.FINISH_REASON, response.finishReason());
        Usage usage = response.usage();
        setIfPresent(message, InferenceConstants.PROMPT_TOKENS, usage.promptTokens());
        setIfPresent(message, InferenceConstants.COMPLETION_TOKENS, usage.completionTokens());
        setIfPresent(message, InferenceConstants.TOTAL_TOKENS, usage.totalTokens());
        setIfPresent(message, InferenceConstants.REASONING_TOKENS, usage.reasoningTokens());
        setIfPresent(message, InferenceConstants.CACHED_TOKENS, usage.cachedTokens());
        Prices prices = endpoint.prices(response.model());
        Double cost = prices == null ? null : prices.cost(usage);
        setIfPresent(message, InferenceConstants.COST, cost);
        BudgetGuard guard = endpoint.getConfiguration().getBudgetGuard();
        if (guard != null) {
            String key = budgetKey(exchange);
            message.setHeader(InferenceConstants.BUDGET_USED, cost == null ? guard.usedFraction(key)
                    : guard.record(key, cost));
        }
        message.setHeader(InferenceConstants.RESPONSE, response);
    }

    private static void setIfPresent(Message message, String header, Object value) {
        if (value != null) {
            message.setHeader(header, value);
        } else {
            message.removeHeader(header);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** Tells the component's observers how one call ended; never lets an observer's failure reach the route. */
    private final class Observation {
        private final String requestModel;
        private final long startNanos;

        Observation(String requestModel, long startNanos) {
            this.requestModel = requestModel;
            this.startNanos = startNanos;
        }

        void answered(ChatResponse response, CallInfo info) {
            for (CallObserver observer : endpoint.getComponent().observers()) {
                try {
                    observer.onAnswer(endpoint.getProvider(), requestModel, response, info);
                } catch (RuntimeException e) {
                    LOG.debug("call observer {} failed: {}", observer, e.toString());
                }
            }
        }

        void failed(InferenceException error) {
            long millis = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            for (CallObserver observer : endpoint.getComponent().observers()) {
                try {
                    observer.onError(endpoint.getProvider(), requestModel, error, millis);
                } catch (RuntimeException e) {
                    LOG.debug("call observer {} failed: {}", observer, e.toString());
                }
            }
        }
    }

    /** {@code aggregateStream=true}: the exchange completes once, with the whole answer or the typed error. */
    private final class AggregatingListener implements StreamListener {
        private final Exchange exchange;
        private final AsyncCallback callback;
        private final Executor continuations;
        private final Observation observation;

        AggregatingListener(Exchange exchange, AsyncCallback callback, Executor continuations,
                            Observation observation) {
            this.exchange = exchange;
            this.callback = callback;
            this.continuations = continuations;
            this.observation = observation;
        }

        @Override
        public void onToken(String text) {
            // the call accumulates the text itself
        }

        @Override
        public void onComplete(ChatResponse response, CallInfo info) {
            try {
                Message message = exchange.getMessage();
                message.setBody(answerBody(response, info));
                setAnswerHeaders(exchange, message, response, info);
                observation.answered(response, info);
            } catch (InferenceException error) {
                fail(exchange, error, observation);
            }
            continuations.execute(() -> callback.done(false));
        }

        @Override
        public void onError(InferenceException error) {
            fail(exchange, error, observation);
            continuations.execute(() -> callback.done(false));
        }
    }

    /**
     * {@code stream=true}: the exchange completes at the first text delta with a {@link ChatStream} body and the
     * headers saying who answers; usage and finish reason follow when the route has read the stream to its end (on
     * the message that received the stream; {@code ChatStream.response()} has them wherever the body went).
     */
    private final class IteratingListener implements StreamListener {
        private final Exchange exchange;
        private final AsyncCallback callback;
        private final Executor continuations;
        private final Observation observation;
        private final Message message;
        private final AtomicBoolean released = new AtomicBoolean();
        private final AtomicReference<StreamingCall> call = new AtomicReference<>();
        private final ChatStream stream;
        private volatile CallInfo info;

        IteratingListener(Exchange exchange, AsyncCallback callback, Executor continuations,
                          Observation observation) {
            this.exchange = exchange;
            this.callback = callback;
            this.continuations = continuations;
            this.observation = observation;
            this.message = exchange.getMessage();
            this.stream = new ChatStream(() -> {
                StreamingCall c = call.get();
                if (c != null) {
                    c.cancel();
                }
            });
            stream.onEnd(response -> setAnswerHeaders(exchange, message, response, info));
        }

        @Override
        public void onStarted(CallInfo callInfo, String responseId, String responseModel) {
            // who answers is known now; EIPs that copy the message (a circuit breaker) carry these headers along
            setCallHeaders(exchange, message, callInfo, responseId, responseModel);
        }

        @Override
        public void onToken(String text) {
            stream.push(text);
            release();
        }

        @Override
        public void onComplete(ChatResponse response, CallInfo callInfo) {
            this.info = callInfo;
            observation.answered(response, callInfo);
            stream.complete(response);
            release();
        }

        @Override
        public void onError(InferenceException error) {
            if (released.compareAndSet(false, true)) {
                fail(exchange, error, observation);
                continuations.execute(() -> callback.done(false));
            } else {
                observation.failed(error);
                stream.fail(error);
            }
        }

        private void release() {
            if (released.compareAndSet(false, true)) {
                message.setBody(stream);
                // the route reads the stream on a thread of its own, never on the thread that delivers the tokens
                continuations.execute(() -> callback.done(false));
            }
        }
    }
}

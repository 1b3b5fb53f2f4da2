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
package io.github.camelinference.camel.inference.routes.failover;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.github.camelinference.camel.inference.InferenceEndpoint;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Navigate;
import org.apache.camel.Processor;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.processor.SendProcessor;
import org.apache.camel.processor.loadbalancer.LoadBalancerSupport;
import org.apache.camel.spi.ThreadPoolProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An asynchronous failover step for inference calls: tries its targets (the {@code to} steps under a
 * {@code loadBalance}) in order, each behind its own resilience4j circuit breaker, and holds no thread while a call, a
 * retry wait or a hedge is pending. Used as a custom load balancer:
 *
 * <pre>
 * from("direct:chat")
 *         .loadBalance(new InferenceFailover().hedgeDelay(1000))
 *         .to("inference:openai?model=gpt-5-mini")
 *         .to("inference:huggingface?model=openai/gpt-oss-120b")
 *         .end();
 * </pre>
 * <p>
 * or in YAML, a bean of this class named in {@code loadBalance: customLoadBalancer: ref: chatFailover}.
 * <p>
 * Errors decide by their class: a {@code RetryableInferenceException} is retried on the same target (waiting as long as
 * its {@code Retry-After} asks, up to {@link #setMaxRetryAfter}; a longer wait moves on at once), a timeout or any
 * other {@code FailoverableInferenceException} moves to the next target, and both count against the target's breaker.
 * Errors no provider can fix (invalid request, content filter, budget) and exceptions that are not inference errors
 * reach the caller unchanged and leave the breaker untouched. A target's own rate limiter refusing the call (its
 * provider account's requestsPerMinute or tokensPerMinute used up: a {@code RateLimitedException} whose
 * {@code isClientSide()} is true) moves to the next target at once, never retried there and never counted against the
 * target's breaker: the provider was not called. A target whose breaker is open is skipped without a try; a half-open
 * trial is one call, never retried. A streamed answer counts for its target only when the stream ends, and one that
 * breaks mid-way can be continued on the next target (see {@link #setContinueStreams}).
 */
public class InferenceFailover extends LoadBalancerSupport implements CamelContextAware {

    /** Header on the answer: the name of the target that answered. */
    public static final String TARGET = "CamelInferenceFailoverTarget";
    /** Header on the answer: whether a target other than the first answered. */
    public static final String FALLBACK_USED = "CamelInferenceFallbackUsed";
    /** Header on the answer: whether a hedged call was started. */
    public static final String HEDGED = "CamelInferenceHedged";
    /** Header set when a streamed answer ends: the target(s) that continued it after a break, comma separated. */
    public static final String CONTINUED_ON = "CamelInferenceContinuedOn";
    /**
     * Header set when a streamed answer that was continued after a break ends: each target's share of it, by target
     * name in the order they wrote it, as a {@code Map<String, TargetUsage>} (tokens, cost at the target's own prices,
     * and whether they are estimated). The answer's token and cost headers are then the sum of these shares.
     */
    public static final String USAGE_BY_TARGET = "CamelInferenceUsageByTarget";

    private static final Logger LOG = LoggerFactory.getLogger(InferenceFailover.class);

    private CamelContext camelContext;
    private String names;
    private int retries = 2;
    private long retryDelay = 500;
    private long maxRetryAfter = 10_000;
    private long hedgeDelay;
    private boolean continueStreams = true;
    private int holdBackTokens;
    private long holdBackMillis;
    private String order = "declared";
    private long firstTokenTimeout;
    private long requestTimeout;
    private float failureRateThreshold = 50;
    private int minimumNumberOfCalls = 5;
    private int slidingWindowSize = 10;
    private long waitDurationInOpenState = 10_000;
    private int permittedCallsInHalfOpenState = 2;
    private long slowCallDurationThreshold = 60_000;
    private float slowCallRateThreshold = 100;

    private volatile List<FailoverTarget> targets = List.of();
    private volatile ScheduledExecutorService timers;
    private volatile ExecutorService workers;
    private FailoverHealthCheck healthCheck;
    private volatile FailoverTelemetry telemetry = FailoverTelemetry.none();

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        new FailoverCall(this, exchange, callback).start();
        return false;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (camelContext == null) {
            throw new IllegalStateException("InferenceFailover needs a CamelContext");
        }
        List<AsyncProcessor> processors = getProcessors();
        if (processors.isEmpty()) {
            throw new IllegalArgumentException(
                    "the inference failover step has no targets: put the endpoints to try,"
                                               + " in order, as to steps under its loadBalance");
        }
        List<String> given = names == null
                ? List.of()
                : Arrays.stream(names.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (!given.isEmpty() && given.size() != processors.size()) {
            throw new IllegalArgumentException(
                    "names lists " + given.size() + " targets (" + names + ") but the step"
                                               + " has " + processors.size());
        }
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(breakerConfig());
        List<FailoverTarget> built = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < processors.size(); i++) {
            String name = given.isEmpty() ? describe(processors.get(i), i) : given.get(i);
            int count = seen.merge(name, 1, Integer::sum);
            if (count > 1) {
                name = name + "#" + count;
            }
            CircuitBreaker breaker = registry.circuitBreaker(breakerPrefix() + name);
            String targetName = name;
            breaker.getEventPublisher().onStateTransition(event -> {
                LOG.info("inference failover target {}: circuit breaker {}", targetName,
                        event.getStateTransition().getFromState() + " -> " + event.getStateTransition().getToState());
                telemetry.breakerTransition(targetName, event.getStateTransition().getFromState().name(),
                        event.getStateTransition().getToState().name());
            });
            Endpoint endpoint = endpointOf(processors.get(i));
            built.add(new FailoverTarget(
                    i, name, processors.get(i), breaker,
                    endpoint instanceof InferenceEndpoint inference ? inference : null));
        }
        targets = List.copyOf(built);
        telemetry = FailoverTelemetry.of(targets);
        BreakerMetrics.bind(camelContext, registry);
        timers = camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this,
                "InferenceFailoverTimer");
        // starts attempts that a timer or an I/O callback asked for, so neither the timer thread nor an HTTP I/O
        // thread ever runs a producer or route code; a fixed pool with an unbounded queue: it never grows with the
        // calls in flight and never runs a task on the submitting thread
        ThreadPoolProfile profile = new ThreadPoolProfile("InferenceFailover");
        int size = Math.max(2, Runtime.getRuntime().availableProcessors());
        profile.setPoolSize(size);
        profile.setMaxPoolSize(size);
        profile.setMaxQueueSize(-1);
        workers = camelContext.getExecutorServiceManager().newThreadPool(this, "InferenceFailover", profile);
        HealthCheckRegistry health = HealthCheckRegistry.get(camelContext);
        if (health != null) {
            healthCheck = new FailoverHealthCheck(getId() != null ? getId() : String.valueOf(getRouteId()), this);
            healthCheck.setCamelContext(camelContext);
            health.register(healthCheck);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (healthCheck != null) {
            HealthCheckRegistry.get(camelContext).unregister(healthCheck);
            healthCheck = null;
        }
        if (timers != null) {
            camelContext.getExecutorServiceManager().shutdownNow(timers);
            timers = null;
        }
        if (workers != null) {
            camelContext.getExecutorServiceManager().shutdown(workers);
            workers = null;
        }
        super.doStop();
    }

    private CircuitBreakerConfig breakerConfig() {
        return CircuitBreakerConfig.custom()
                .failureRateThreshold(failureRateThreshold)
                .minimumNumberOfCalls(minimumNumberOfCalls)
                .slidingWindowSize(slidingWindowSize)
                .waitDurationInOpenState(Duration.ofMillis(waitDurationInOpenState))
                .permittedNumberOfCallsInHalfOpenState(permittedCallsInHalfOpenState)
                .slowCallDurationThreshold(Duration.ofMillis(slowCallDurationThreshold))
                .slowCallRateThreshold(slowCallRateThreshold)
                // open → half-open on the first call after the wait: no timer thread per breaker
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build();
    }

    private String breakerPrefix() {
        String id = getId() != null ? getId() : getRouteId();
        return id == null ? "" : id + ".";
    }

    /** A target's name: the inference endpoint's provider and model, else its endpoint URI, else its position. */
    private static String describe(Processor processor, int index) {
        Endpoint endpoint = endpointOf(processor);
        if (endpoint instanceof InferenceEndpoint inference) {
            String model = inference.getConfiguration().getModel();
            return model == null ? inference.getProvider() : inference.getProvider() + "/" + model;
        }
        if (endpoint != null) {
            return endpoint.getEndpointKey();
        }
        return "target" + (index + 1);
    }

    private static Endpoint endpointOf(Processor processor) {
        if (processor instanceof SendProcessor send) {
            return send.getDestination();
        }
        if (processor instanceof Navigate<?> navigate && navigate.hasNext()) {
            for (Object next : navigate.next()) {
                Endpoint found = next instanceof Processor p ? endpointOf(p) : null;
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The targets in the order a call tries them now: as declared, or healthiest first ({@code order=breaker}). */
    List<FailoverTarget> orderedTargets() {
        List<FailoverTarget> current = targets;
        if (!"breaker".equals(order)) {
            return current;
        }
        List<FailoverTarget> sorted = new ArrayList<>(current);
        sorted.sort(Comparator.comparingInt(t -> switch (t.breaker().getState()) {
            case CLOSED, DISABLED, METRICS_ONLY -> 0;
            case HALF_OPEN -> 1;
            default -> 2;
        }));
        return sorted;
    }

    /** Where the attempts' spans and the step's counters go. */
    FailoverTelemetry telemetry() {
        return telemetry;
    }

    /** Runs a task on the step's workers after a delay; a step already stopped runs it at once, so no call hangs. */
    ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        ScheduledExecutorService current = timers;
        if (current != null) {
            try {
                return current.schedule(() -> execute(task), delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // fall through
            }
        }
        task.run();
        return null;
    }

    /**
     * Runs a task on the step's own workers: never on an I/O thread, never on the caller's; a step already stopped runs
     * it on the current thread, so every call still ends.
     */
    void execute(Runnable task) {
        ExecutorService current = workers;
        if (current != null) {
            try {
                current.execute(task);
                return;
            } catch (RejectedExecutionException stopping) {
                // fall through
            }
        }
        task.run();
    }

    /** Each target's name and its breaker's state, in declared order (for health checks and tests). */
    public Map<String, String> getBreakerStates() {
        Map<String, String> states = new LinkedHashMap<>();
        for (FailoverTarget target : targets) {
            states.put(target.name(), target.breaker().getState().name());
        }
        return states;
    }

    /**
     * Whether some target can take a call now: its breaker is not open and its provider account is not rate-limited by
     * its own limiter (requestsPerMinute/tokensPerMinute, as this instance last saw it). A consumer that feeds the step
     * (a Kafka route, say) pauses while this is false instead of failing its records, and resumes once it is true
     * again. Cheap: reads breaker states and one timestamp per target, never the rate limit store.
     */
    public boolean canTakeCall() {
        for (FailoverTarget target : targets) {
            if (!target.rateLimited() && takesCalls(target.breaker())) {
                return true;
            }
        }
        return false;
    }

    /** Each target's name and whether its own rate limiter last saw its account's limit used up, in declared order. */
    public Map<String, Boolean> getRateLimited() {
        Map<String, Boolean> limited = new LinkedHashMap<>();
        for (FailoverTarget target : targets) {
            limited.put(target.name(), target.rateLimited());
        }
        return limited;
    }

    /** Whether a breaker lets a call through now; an open one whose wait is over turns half-open, as a call would. */
    private static boolean takesCalls(CircuitBreaker breaker) {
        CircuitBreaker.State state = breaker.getState();
        if (state == CircuitBreaker.State.FORCED_OPEN) {
            return false;
        }
        if (state != CircuitBreaker.State.OPEN) {
            return true;
        }
        // why: the breakers never leave OPEN on a timer (automaticTransitionFromOpenToHalfOpenEnabled is off), so a
        // paused consumer that only looked at the state would wait for a call that never comes; ask for a permission
        // as a call would, and hand it back at once
        if (breaker.tryAcquirePermission()) {
            breaker.releasePermission();
            return true;
        }
        return false;
    }

    /**
     * Each target's inference endpoint by target name, in declared order (targets that are not an inference endpoint
     * are left out): which provider and base URL a breaker guards, for status pages.
     */
    public Map<String, InferenceEndpoint> getInferenceEndpoints() {
        Map<String, InferenceEndpoint> endpoints = new LinkedHashMap<>();
        for (FailoverTarget target : targets) {
            if (target.endpoint() != null) {
                endpoints.put(target.name(), target.endpoint());
            }
        }
        return endpoints;
    }

    /** The targets' circuit breakers by target name, to read metrics or listen to events. */
    public Map<String, CircuitBreaker> getCircuitBreakers() {
        Map<String, CircuitBreaker> breakers = new LinkedHashMap<>();
        for (FailoverTarget target : targets) {
            breakers.put(target.name(), target.breaker());
        }
        return breakers;
    }

    // --- options (bean properties, so YAML can set them) and fluent forms for Java ---

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        if (camelContext == null) {
            // a load balancer given in Java DSL is not injected: take the context from a target's endpoint
            for (AsyncProcessor processor : getProcessors()) {
                Endpoint endpoint = endpointOf(processor);
                if (endpoint != null) {
                    camelContext = endpoint.getCamelContext();
                    break;
                }
            }
        }
        validate();
    }

    private void validate() {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative, was " + retries);
        }
        if (retryDelay < 0 || maxRetryAfter < 0 || hedgeDelay < 0 || holdBackMillis < 0 || holdBackTokens < 0
                || firstTokenTimeout < 0 || requestTimeout < 0) {
            throw new IllegalArgumentException(
                    "retryDelay, maxRetryAfter, hedgeDelay, holdBackTokens, holdBackMillis,"
                                               + " firstTokenTimeout and requestTimeout must not be negative");
        }
        if (!"declared".equals(order) && !"breaker".equals(order)) {
            throw new IllegalArgumentException("order must be 'declared' or 'breaker', was '" + order + "'");
        }
    }

    /** Comma-separated names for the targets, in order (default: provider/model of each inference endpoint). */
    public void setNames(String names) {
        this.names = names;
    }

    public String getNames() {
        return names;
    }

    /** How many times a retryable error is retried on the same target before moving on (default 2). */
    public void setRetries(int retries) {
        this.retries = retries;
    }

    public int getRetries() {
        return retries;
    }

    /** Wait before a retry when the provider gave no Retry-After, in ms, doubled on each retry (default 500). */
    public void setRetryDelay(long retryDelay) {
        this.retryDelay = retryDelay;
    }

    public long getRetryDelay() {
        return retryDelay;
    }

    /** The longest Retry-After obeyed, in ms; a provider asking for more is left for the next target (10000). */
    public void setMaxRetryAfter(long maxRetryAfter) {
        this.maxRetryAfter = maxRetryAfter;
    }

    public long getMaxRetryAfter() {
        return maxRetryAfter;
    }

    /**
     * When the current target has not answered (or sent a first token) within this many ms, the next target starts too
     * and the first to answer wins; 0 (the default) turns hedging off.
     */
    public void setHedgeDelay(long hedgeDelay) {
        this.hedgeDelay = hedgeDelay;
    }

    public long getHedgeDelay() {
        return hedgeDelay;
    }

    /** Whether a stream that breaks after its first token is continued on the next target (default true). */
    public void setContinueStreams(boolean continueStreams) {
        this.continueStreams = continueStreams;
    }

    public boolean isContinueStreams() {
        return continueStreams;
    }

    /**
     * Tokens held back before a streamed answer is committed to its target; a stream that fails before then starts
     * again cleanly on the next target (default 0: commit at the first token).
     */
    public void setHoldBackTokens(int holdBackTokens) {
        this.holdBackTokens = holdBackTokens;
    }

    public int getHoldBackTokens() {
        return holdBackTokens;
    }

    /** Like holdBackTokens, in ms after the first token; whichever comes first commits (default 0). */
    public void setHoldBackMillis(long holdBackMillis) {
        this.holdBackMillis = holdBackMillis;
    }

    public long getHoldBackMillis() {
        return holdBackMillis;
    }

    /** {@code declared} (default): targets in order, open breakers skipped; {@code breaker}: closed ones first. */
    public void setOrder(String order) {
        this.order = order;
    }

    public String getOrder() {
        return order;
    }

    /**
     * The first-token timeout of every target's streamed calls, in ms, set per call through the
     * {@code CamelInferenceFirstTokenTimeout} header; 0 (the default) keeps each endpoint's own.
     */
    public void setFirstTokenTimeout(long firstTokenTimeout) {
        this.firstTokenTimeout = firstTokenTimeout;
    }

    public long getFirstTokenTimeout() {
        return firstTokenTimeout;
    }

    /**
     * The request timeout of every target's calls, in ms, set per call through the {@code CamelInferenceRequestTimeout}
     * header; 0 (the default) keeps each endpoint's own.
     */
    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public long getRequestTimeout() {
        return requestTimeout;
    }

    /** Percentage of failed calls in the window that opens a target's breaker (default 50). */
    public void setFailureRateThreshold(float failureRateThreshold) {
        this.failureRateThreshold = failureRateThreshold;
    }

    public float getFailureRateThreshold() {
        return failureRateThreshold;
    }

    /** Calls a breaker needs to see before it judges the failure rate (default 5). */
    public void setMinimumNumberOfCalls(int minimumNumberOfCalls) {
        this.minimumNumberOfCalls = minimumNumberOfCalls;
    }

    public int getMinimumNumberOfCalls() {
        return minimumNumberOfCalls;
    }

    /** How many recent calls the failure rate is computed over (default 10). */
    public void setSlidingWindowSize(int slidingWindowSize) {
        this.slidingWindowSize = slidingWindowSize;
    }

    public int getSlidingWindowSize() {
        return slidingWindowSize;
    }

    /** How long an open breaker waits before letting trial calls through, in ms (default 10000). */
    public void setWaitDurationInOpenState(long waitDurationInOpenState) {
        this.waitDurationInOpenState = waitDurationInOpenState;
    }

    public long getWaitDurationInOpenState() {
        return waitDurationInOpenState;
    }

    /** Trial calls that decide whether a half-open breaker closes again (default 2). */
    public void setPermittedCallsInHalfOpenState(int permittedCallsInHalfOpenState) {
        this.permittedCallsInHalfOpenState = permittedCallsInHalfOpenState;
    }

    public int getPermittedCallsInHalfOpenState() {
        return permittedCallsInHalfOpenState;
    }

    /**
     * A call slower than this (in ms, to the answer, or to the first token of a stream) is slow; when
     * slowCallRateThreshold percent of the window is slow the breaker opens (default 60000).
     */
    public void setSlowCallDurationThreshold(long slowCallDurationThreshold) {
        this.slowCallDurationThreshold = slowCallDurationThreshold;
    }

    public long getSlowCallDurationThreshold() {
        return slowCallDurationThreshold;
    }

    /** Percentage of slow calls in the window that opens the breaker (default 100: slow calls alone never do). */
    public void setSlowCallRateThreshold(float slowCallRateThreshold) {
        this.slowCallRateThreshold = slowCallRateThreshold;
    }

    public float getSlowCallRateThreshold() {
        return slowCallRateThreshold;
    }

    public InferenceFailover names(String value) {
        setNames(value);
        return this;
    }

    public InferenceFailover retries(int value) {
        setRetries(value);
        return this;
    }

    public InferenceFailover retryDelay(long millis) {
        setRetryDelay(millis);
        return this;
    }

    public InferenceFailover maxRetryAfter(long millis) {
        setMaxRetryAfter(millis);
        return this;
    }

    public InferenceFailover hedgeDelay(long millis) {
        setHedgeDelay(millis);
        return this;
    }

    public InferenceFailover continueStreams(boolean value) {
        setContinueStreams(value);
        return this;
    }

    public InferenceFailover holdBackTokens(int value) {
        setHoldBackTokens(value);
        return this;
    }

    public InferenceFailover holdBackMillis(long millis) {
        setHoldBackMillis(millis);
        return this;
    }

    public InferenceFailover order(String value) {
        setOrder(value);
        return this;
    }

    public InferenceFailover firstTokenTimeout(long millis) {
        setFirstTokenTimeout(millis);
        return this;
    }

    public InferenceFailover requestTimeout(long millis) {
        setRequestTimeout(millis);
        return this;
    }

    public InferenceFailover failureRateThreshold(float value) {
        setFailureRateThreshold(value);
        return this;
    }

    public InferenceFailover minimumNumberOfCalls(int value) {
        setMinimumNumberOfCalls(value);
        return this;
    }

    public InferenceFailover slidingWindowSize(int value) {
        setSlidingWindowSize(value);
        return this;
    }

    public InferenceFailover waitDurationInOpenState(long millis) {
        setWaitDurationInOpenState(millis);
        return this;
    }

    public InferenceFailover permittedCallsInHalfOpenState(int value) {
        setPermittedCallsInHalfOpenState(value);
        return this;
    }

    public InferenceFailover slowCallDurationThreshold(long millis) {
        setSlowCallDurationThreshold(millis);
        return this;
    }

    public InferenceFailover slowCallRateThreshold(float value) {
        setSlowCallRateThreshold(value);
        return this;
    }
}

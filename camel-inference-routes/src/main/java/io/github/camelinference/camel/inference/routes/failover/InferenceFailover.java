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

import java.util.ArrayList;
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
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheckRegistry;
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
 * its {@code Retry-After} asks, up to {@link FailoverOptions#setMaxRetryAfter}; a longer wait moves on at once), a
 * timeout or any other {@code FailoverableInferenceException} moves to the next target, and both count against the
 * target's breaker. Errors no provider can fix (invalid request, content filter, budget) and exceptions that are not
 * inference errors reach the caller unchanged and leave the breaker untouched. A target's own rate limiter refusing the
 * call (its provider account's requestsPerMinute or tokensPerMinute used up: a {@code RateLimitedException} whose
 * {@code isClientSide()} is true) moves to the next target at once, never retried there and never counted against the
 * target's breaker: the provider was not called. A target whose breaker is open is skipped without a try; a half-open
 * trial is one call, never retried. A streamed answer counts for its target only when the stream ends, and one that
 * breaks mid-way can be continued on the next target (see {@link FailoverOptions#setContinueStreams}).
 * <p>
 * The options are a {@link FailoverOptions}, also settable on the step by name; the headers it writes on the answer are
 * in {@link FailoverConstants}.
 */
public class InferenceFailover extends LoadBalancerSupport
        implements CamelContextAware, FluentFailoverOptions<InferenceFailover> {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceFailover.class);

    private CamelContext camelContext;
    private FailoverOptions options;

    private volatile List<FailoverTarget> targets = List.of();
    private volatile ScheduledExecutorService timers;
    private volatile ExecutorService workers;
    private FailoverHealthCheck healthCheck;
    private volatile FailoverTelemetry telemetry = FailoverTelemetry.none();

    public InferenceFailover() {
        this(new FailoverOptions());
    }

    public InferenceFailover(FailoverOptions options) {
        this.options = options;
    }

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
        List<String> given = options.nameList();
        if (!given.isEmpty() && given.size() != processors.size()) {
            throw new IllegalArgumentException(
                    "names lists " + given.size() + " targets (" + options.getNames() + ") but the step"
                                               + " has " + processors.size());
        }
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(options.breakerConfig());
        List<FailoverTarget> built = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < processors.size(); i++) {
            String name = given.isEmpty() ? FailoverTarget.defaultName(processors.get(i), i) : given.get(i);
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
            Endpoint endpoint = FailoverTarget.endpointOf(processors.get(i));
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

    private String breakerPrefix() {
        String id = getId() != null ? getId() : getRouteId();
        return id == null ? "" : id + ".";
    }

    /** The targets in the order a call tries them now: as declared, or healthiest first ({@code order=breaker}). */
    List<FailoverTarget> orderedTargets() {
        List<FailoverTarget> current = targets;
        if (!FailoverOptions.ORDER_BREAKER.equals(options.getOrder())) {
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
            if (target.canTakeCall()) {
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

    /** The step's options; set them here, fluently on the step, or by name on a YAML bean of the step. */
    public FailoverOptions getOptions() {
        return options;
    }

    public void setOptions(FailoverOptions options) {
        this.options = options;
    }

    @Override
    public FailoverOptions failoverOptions() {
        return options;
    }

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
                Endpoint endpoint = FailoverTarget.endpointOf(processor);
                if (endpoint != null) {
                    camelContext = endpoint.getCamelContext();
                    break;
                }
            }
        }
        options.validate();
    }
}

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
package io.github.camelinference.examples.kafka;

import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.github.camelinference.camel.inference.routes.failover.InferenceFailover;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Consumer;
import org.apache.camel.Route;
import org.apache.camel.Suspendable;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pauses a route's Kafka consumer while its failover step can take no call (every target's breaker open, or every
 * target rate-limited), and resumes it once one can: a timer asks {@link InferenceFailover#canTakeCall()} every
 * {@code checkInterval} ms; no thread waits for it.
 * <p>
 * Pausing is camel-kafka's own: suspending the route's {@code KafkaConsumer} asks each of its fetch tasks to pause its
 * client after the batch in hand; a paused client keeps polling (empty), so it stays in the group. Resuming seeks each
 * assigned partition back to its committed offset before the client fetches again, so the records that were left
 * uncommitted during the outage are fetched again.
 */
public class BackPressure implements CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(BackPressure.class);

    private CamelContext camelContext;
    private InferenceFailover failover;
    private String routeId;
    private long checkInterval = 500;

    private final AtomicBoolean paused = new AtomicBoolean();
    private final AtomicLong pauses = new AtomicLong();
    private volatile long pausedSinceNanos;
    private ScheduledExecutorService timer;

    /** Whether the failover step can take a call now; a batch that finds it cannot is deferred whole. */
    public boolean canTakeWork() {
        return failover.canTakeCall();
    }

    /** Pauses the consumer (once; a paused one stays paused) and starts checking for the step to take work again. */
    public void pause() {
        if (!paused.compareAndSet(false, true)) {
            return;
        }
        pauses.incrementAndGet();
        pausedSinceNanos = System.nanoTime();
        LOG.info("A prompt found no target to take it (breakers {}, rate-limited {}): pausing the consumer of route {}",
                failover.getBreakerStates(), failover.getRateLimited(), routeId);
        suspendable().ifPresent(ServiceHelper::suspendService);
        scheduleCheck();
    }

    /** Whether this pipeline paused its consumer and has not resumed it yet. */
    public boolean isPaused() {
        return paused.get();
    }

    /** How many times the consumer was paused since the start. */
    public long getPauses() {
        return pauses.get();
    }

    private void check() {
        if (!paused.get()) {
            return;
        }
        if (!canTakeWork()) {
            scheduleCheck();
            return;
        }
        long pausedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pausedSinceNanos);
        LOG.info("The failover step can take calls again (breakers {}, rate-limited {}): resuming the consumer of route {}"
                 + " after {} ms",
                failover.getBreakerStates(), failover.getRateLimited(), routeId, pausedMillis);
        paused.set(false);
        suspendable().ifPresent(ServiceHelper::resumeService);
    }

    private void scheduleCheck() {
        ScheduledExecutorService current = timer();
        if (!current.isShutdown()) {
            current.schedule(this::check, checkInterval, TimeUnit.MILLISECONDS);
        }
    }

    /** The check's timer thread, made on first use; Camel's executor manager shuts it down with the context. */
    private synchronized ScheduledExecutorService timer() {
        if (timer == null) {
            if (failover == null || routeId == null) {
                throw new IllegalStateException(
                        "BackPressure needs the failover step (failover=#bean:name) and the id"
                                                + " of the Kafka route whose consumer it pauses (routeId)");
            }
            timer = camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "BackPressure");
        }
        return timer;
    }

    private Optional<Consumer> suspendable() {
        Route route = camelContext.getRoute(routeId);
        if (route == null || !(route.getConsumer() instanceof Suspendable)) {
            LOG.warn("Route {} has no consumer that can pause; set BackPressure.routeId to the Kafka route", routeId);
            return Optional.empty();
        }
        return Optional.of(route.getConsumer());
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    public InferenceFailover getFailover() {
        return failover;
    }

    /** The failover step whose targets decide (a bean reference in YAML: {@code failover: "#bean:failover"}). */
    public void setFailover(InferenceFailover failover) {
        this.failover = failover;
    }

    public String getRouteId() {
        return routeId;
    }

    /** The id of the route whose Kafka consumer is paused. */
    public void setRouteId(String routeId) {
        this.routeId = routeId;
    }

    public long getCheckInterval() {
        return checkInterval;
    }

    /** How often a paused consumer asks whether a target can take a call again, in ms (default 500). */
    public void setCheckInterval(long checkInterval) {
        this.checkInterval = checkInterval;
    }
}

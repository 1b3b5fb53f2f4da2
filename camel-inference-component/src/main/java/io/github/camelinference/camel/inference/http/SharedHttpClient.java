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
package io.github.camelinference.camel.inference.http;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.core5.concurrent.DefaultThreadFactory;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP client that a component's endpoints share, and that outlives the death of its I/O reactor.
 * <p>
 * HttpClient 5 serves every connection from a few I/O dispatcher threads. An {@code Error} that escapes on one of them
 * (from HttpClient's own code, a TLS trust manager, anything not contained where it was thrown) ends that thread, and
 * from then on the calls that land there fail with {@code IOReactorShutdownException} until the process restarts. Here
 * every I/O thread is watched: when one ends while its client should be running, the client is down; the calls in
 * flight on it fail with an error saying why, and a new client is built and started, on the given executor or by the
 * next call that asks for it, whichever comes first. Endpoints hold this object, never the client, and take the current
 * client through {@link #get()} for each call, so all of them move to the rebuilt one together.
 */
public final class SharedHttpClient implements Supplier<CloseableHttpAsyncClient> {

    private static final Logger LOG = LoggerFactory.getLogger(SharedHttpClient.class);

    /** Builds a client and starts it. */
    @FunctionalInterface
    public interface Builder {

        /** @param ioThreads where the client's I/O threads must come from (they are watched) */
        Built build(ThreadFactory ioThreads) throws Exception;
    }

    /** A started client, and its connection pool (for statistics). */
    public record Built(CloseableHttpAsyncClient client, PoolingAsyncClientConnectionManager connections) {
    }

    /** One client built, and what became of its I/O threads. */
    private static final class Generation {
        private volatile Built built;
        /** Why an I/O thread ended while the client should have been running; null while all of them live. */
        private volatile Throwable lost;
        /** Closed on purpose: its threads end, and that is no failure. */
        private volatile boolean retired;
        private volatile boolean threadEnded;
    }

    private final Builder builder;
    private final Executor rebuilds;
    private final InFlightCalls inFlight;
    private final AtomicInteger rebuilt = new AtomicInteger();
    private volatile Generation current;
    private volatile boolean closed;

    private SharedHttpClient(Builder builder, Executor rebuilds, InFlightCalls inFlight) {
        this.builder = builder;
        this.rebuilds = rebuilds;
        this.inFlight = inFlight;
    }

    /**
     * Builds and starts the first client.
     *
     * @param rebuilds where a rebuild runs once a client is found dead
     * @param inFlight the calls made through this client are registered here (a part of the component's)
     */
    public static SharedHttpClient start(Builder builder, Executor rebuilds, InFlightCalls inFlight) throws Exception {
        SharedHttpClient shared = new SharedHttpClient(builder, rebuilds, inFlight);
        shared.current = shared.build();
        return shared;
    }

    /** Where calls made through this client are registered while they run. */
    public InFlightCalls inFlight() {
        return inFlight;
    }

    /** The client to send the next call with: the current one, rebuilt first if it has died. */
    @Override
    public CloseableHttpAsyncClient get() {
        Generation generation = current;
        if (isUp(generation) || closed) {
            return generation.built.client();
        }
        return rebuild(generation).built.client();
    }

    /** The connection pool of the current client. */
    public PoolingAsyncClientConnectionManager connections() {
        return current.built.connections();
    }

    /** Whether the current client's I/O reactor runs with all its threads. */
    public boolean isUp() {
        return !closed && isUp(current);
    }

    /** Why the client is down (null when it is up): what health checks report. */
    public String downReason() {
        Generation generation = current;
        if (closed) {
            return "the component is stopped";
        }
        if (isUp(generation)) {
            return null;
        }
        return generation.lost != null
                ? "an I/O thread of the HTTP client died (" + generation.lost + ")"
                : "the HTTP client's I/O reactor is " + generation.built.client().getStatus();
    }

    /** How many times a dead client was replaced. */
    public int rebuilds() {
        return rebuilt.get();
    }

    private static boolean isUp(Generation generation) {
        // INACTIVE too: a client's reactor starts on a thread of its own, a moment after start() returned
        return !generation.threadEnded
                && generation.built.client().getStatus().compareTo(IOReactorStatus.SHUTTING_DOWN) < 0;
    }

    private Generation build() throws Exception {
        Generation generation = new Generation();
        generation.built = builder.build(watched(generation));
        return generation;
    }

    /**
     * Names the I/O threads as HttpClient does, and tells when one ends: on a client still in use, that is a reactor
     * that lost a thread.
     */
    private ThreadFactory watched(Generation generation) {
        ThreadFactory names = new DefaultThreadFactory("httpclient-dispatch", true);
        return task -> names.newThread(() -> {
            Throwable failure = null;
            try {
                task.run();
            } catch (Throwable e) {
                failure = e;
                throw e;
            } finally {
                threadEnded(generation, failure);
            }
        });
    }

    private void threadEnded(Generation generation, Throwable failure) {
        if (generation.retired || closed) {
            return;
        }
        // first, with nothing to allocate: get() and the health check see the client down from here on
        generation.lost = failure;
        generation.threadEnded = true;
        try {
            LOG.error("An I/O thread of the inference component's HTTP client ended ({}): the calls in flight on it"
                      + " fail, and a new client is built",
                    failure == null ? "no error given" : failure.toString());
            rebuilds.execute(() -> rebuild(generation));
        } catch (Throwable e) {
            // the next call rebuilds it (get() sees the thread gone)
        }
    }

    /** Replaces a dead client, once: its calls in flight fail, a new client is started, the dead one is closed. */
    private synchronized Generation rebuild(Generation dead) {
        if (dead != current || closed) {
            return current;
        }
        String reason = "the HTTP client's I/O reactor died (" + (dead.lost == null
                ? "an I/O thread ended"
                : dead.lost.toString()) + ") while the call was in flight; the next calls go through a new client";
        int failed = inFlight.abortAll(reason);
        Generation fresh;
        try {
            fresh = build();
        } catch (Exception | LinkageError e) {
            LOG.error("The inference component's HTTP client could not be rebuilt; the next call tries again: {}",
                    e.toString());
            return dead;
        }
        current = fresh;
        rebuilt.incrementAndGet();
        retire(dead, CloseMode.IMMEDIATE);
        LOG.warn("The inference component's HTTP client was rebuilt after its I/O reactor died; {} calls in flight on"
                 + " it failed",
                failed);
        return fresh;
    }

    private static void retire(Generation generation, CloseMode mode) {
        generation.retired = true;
        try {
            generation.built.client().close(mode);
        } catch (RuntimeException e) {
            // a dead reactor may not close cleanly; its threads are gone either way
        }
    }

    /** Closes the client for good (the component stops). */
    public synchronized void close() {
        closed = true;
        retire(current, CloseMode.GRACEFUL);
    }
}

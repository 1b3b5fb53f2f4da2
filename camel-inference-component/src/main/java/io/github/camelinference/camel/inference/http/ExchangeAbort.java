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

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.client5.http.async.AsyncExecRuntime;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;

/**
 * Aborts one HTTP exchange at once: its connection is closed and handed back to the pool, whether or not the provider
 * is sending. Cancelling HttpClient's future is not enough: when the pool hands out a kept-alive connection, HttpClient
 * 5.5 replaces the future's link to the exchange with the (finished) lease, so the cancel reaches nothing and the
 * connection stays leased until the provider speaks or hangs up. Here the exchange's own runtime is kept (by
 * {@link #chainHandler()}, a step of the client's exec chain) and its endpoint discarded.
 */
public final class ExchangeAbort {

    /** Names this object in the exchange's context, where the chain step finds it. */
    private static final String ATTRIBUTE = ExchangeAbort.class.getName();

    private final AtomicReference<AsyncExecRuntime> runtime = new AtomicReference<>();
    private volatile boolean aborted;

    /** A context for one exchange, carrying this abort to the chain step. */
    HttpClientContext context() {
        HttpClientContext context = HttpClientContext.create();
        context.setAttribute(ATTRIBUTE, this);
        return context;
    }

    /**
     * Closes the exchange's connection (the I/O thread then fails the exchange, and the pool gets the connection back)
     * and cancels the call's future, which stops a call still waiting for a connection.
     */
    void abort(Future<?> call) {
        aborted = true;
        AsyncExecRuntime bound = runtime.get();
        if (bound != null) {
            bound.discardEndpoint(); // safe from any thread: HttpClient's own hard cancel does the same
        }
        if (call != null) {
            call.cancel(true);
        }
    }

    /**
     * The exec-chain step that lets an abort reach its exchange; the client must have it after
     * {@code ChainElement.CONNECT} (the connection is leased by then). Without it, aborting only cancels the future.
     */
    public static AsyncExecChainHandler chainHandler() {
        return ExchangeAbort::bind;
    }

    private static void bind(
            HttpRequest request, AsyncEntityProducer entity, AsyncExecChain.Scope scope,
            AsyncExecChain chain, AsyncExecCallback callback)
            throws HttpException, IOException {
        if (scope.clientContext.getAttribute(ATTRIBUTE) instanceof ExchangeAbort abort) {
            abort.runtime.set(scope.execRuntime);
            if (abort.aborted) {
                // aborted while the connection was being leased: never send the request
                scope.execRuntime.discardEndpoint();
                callback.failed(new InterruptedIOException("the call was aborted"));
                return;
            }
        }
        chain.proceed(request, entity, scope, callback);
    }
}

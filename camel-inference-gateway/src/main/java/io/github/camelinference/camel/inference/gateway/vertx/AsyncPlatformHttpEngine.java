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
package io.github.camelinference.camel.inference.gateway.vertx;

import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Camel's platform-http on Vert.x, with a consumer that holds no thread while a route waits; usable by any Camel route,
 * not only the gateway's.
 * <p>
 * Why: camel-platform-http-vertx's own consumer runs each exchange with the synchronous {@code process(exchange)} on a
 * Vert.x worker, so every request in flight holds a worker until its answer is written (a stream until its last chunk).
 * A route that waits on an asynchronous producer (the {@code inference:} component, camel-http's async client, Kafka)
 * then needs a worker per request in flight: 1,000 concurrent streams need 1,000 workers, or queue behind the pool's
 * default of 20. {@link AsyncPlatformHttpConsumer} starts the route with the asynchronous
 * {@code process(exchange, callback)} instead: the worker is free as soon as the route goes asynchronous, and the
 * response is written on the connection's event loop when the exchange completes. Route code still never runs on the
 * event loop.
 * <p>
 * Use: bind an instance in the registry under {@value #NAME} before the routes start; platform-http looks there before
 * its service file, so every {@code platform-http:} route of that CamelContext gets the asynchronous consumer, with the
 * same server ({@code camel.server.*}), router and endpoint options:
 *
 * <pre>
 * main.bind(AsyncPlatformHttpEngine.NAME, new AsyncPlatformHttpEngine()); // Camel Main
 * context.getRegistry().bind(AsyncPlatformHttpEngine.NAME, new AsyncPlatformHttpEngine()); // any CamelContext
 * </pre>
 *
 * What it leaves out (platform-http's {@code httpProxy} mode and form bodies) is listed on
 * {@link AsyncPlatformHttpConsumer}; a route that asks for either fails at start.
 */
public final class AsyncPlatformHttpEngine extends VertxPlatformHttpEngine {

    /** The registry name platform-http looks the engine up by. */
    public static final String NAME = "platform-http-engine";

    @Override
    public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        return new AsyncPlatformHttpConsumer(
                endpoint, processor, getHandlers(),
                VertxPlatformHttpRouter.getRouterNameFromPort(getServerPort()));
    }
}

package io.github.camelinference.examples.gateway.vertx;

import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * platform-http on Vert.x with {@link AsyncPlatformHttpConsumer}s: the same server, router and endpoint options, but
 * no thread is held while a route waits. platform-http finds it in the registry under {@code platform-http-engine}
 * (it looks there before its service file).
 */
public final class AsyncPlatformHttpEngine extends VertxPlatformHttpEngine {

    /** The registry name platform-http looks the engine up by. */
    public static final String NAME = "platform-http-engine";

    @Override
    public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        return new AsyncPlatformHttpConsumer(endpoint, processor, getHandlers(),
                VertxPlatformHttpRouter.getRouterNameFromPort(getServerPort()));
    }
}

package io.github.camelinference.examples.gateway.http;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;

/**
 * The public models are the routes named {@code model-<name>}: adding a route adds a model, to
 * {@code /v1/models} and to the dispatch of {@code /v1/chat/completions}.
 */
public final class ModelRoutes {

    static final String PREFIX = "model-";

    boolean serves(CamelContext camel, String model) {
        return camel.getRoute(PREFIX + model) != null;
    }

    List<String> names(CamelContext camel) {
        return camel.getRoutes().stream().map(Route::getRouteId).filter(id -> id.startsWith(PREFIX))
                .map(id -> id.substring(PREFIX.length())).sorted().toList();
    }
}

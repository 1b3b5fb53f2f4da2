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
package io.github.camelinference.camel.inference.gateway.http;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;

/**
 * The public models are the routes named {@code model-<name>}: adding a route adds a model, to {@code /v1/models} and
 * to the dispatch of {@code /v1/chat/completions}.
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

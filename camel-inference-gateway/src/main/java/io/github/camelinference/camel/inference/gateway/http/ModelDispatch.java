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

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Runs the model's route ({@code direct:model-<name>}, the public model {@code gatewayIn} found) on the exchange, with
 * one producer per model made on its first request.
 * <p>
 * Why not {@code toD}: it built the URI from an expression, normalised it and looked its producer up in a cache on
 * every request, about 3 % of a JSON request's CPU in the gateway. The model is known by then ({@code gatewayIn}
 * answered 404 for any other), so the producers are at most one per model route.
 */
public final class ModelDispatch extends AsyncProcessorSupport {

    private final Map<String, AsyncProducer> producers = new ConcurrentHashMap<>();

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        AsyncProducer producer;
        try {
            String model = exchange.getProperty(GatewayExchange.MODEL, String.class);
            if (model == null) {
                throw new IllegalStateException(
                        "no public model on the exchange: gatewayIn must run before the model's route is called");
            }
            producer = producers.computeIfAbsent(model, name -> started(exchange, name));
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        return producer.process(exchange, callback);
    }

    private static AsyncProducer started(Exchange exchange, String model) {
        try {
            AsyncProducer producer = exchange.getContext().getEndpoint("direct:" + ModelRoutes.PREFIX + model)
                    .createAsyncProducer();
            ServiceHelper.startService(producer);
            return producer;
        } catch (Exception e) {
            throw new IllegalStateException("cannot call the route of model " + model + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(producers.values());
        producers.clear();
        super.doStop();
    }
}

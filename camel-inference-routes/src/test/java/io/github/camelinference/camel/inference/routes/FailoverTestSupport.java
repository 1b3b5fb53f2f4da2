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
package io.github.camelinference.camel.inference.routes;

import java.util.Properties;

import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.junit.Simulator;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.support.PluginHelper;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The failover YAML and a templated route over it, against two simulators: OpenAI as primary, the router as fallback.
 */
abstract class FailoverTestSupport extends InferenceTestSupport {

    /** Canary keys: the fault suite checks they appear in no log line, exception or report. */
    static final String PRIMARY_KEY = "sk-canary-PRIMARY-0123456789-abcdefghij";
    static final String FALLBACK_KEY = "hf_canary-FALLBACK-0123456789-abcdefgh";

    @Simulator(value = Flavour.OPENAI, resetBeforeEach = true)
    static ProviderSimulator primary;
    @Simulator(value = Flavour.HUGGINGFACE, resetBeforeEach = true)
    static ProviderSimulator fallback;

    /** Extra endpoint options for the primary, e.g. {@code &requestTimeout=300}. */
    protected String primaryOptions() {
        return "";
    }

    protected String fallbackOptions() {
        return "";
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("primary.url", primary.baseUrl());
        properties.put("primary.apiKey", PRIMARY_KEY);
        properties.put("primary.options", primaryOptions());
        properties.put("fallback.url", fallback.baseUrl());
        properties.put("fallback.apiKey", FALLBACK_KEY);
        properties.put("fallback.options", fallbackOptions());
        properties.put("inference.retryDelay", "50");
        return properties;
    }

    @Override
    protected void doPostSetup() throws Exception {
        var loader = PluginHelper.getRoutesLoader(context);
        var resources = PluginHelper.getResourceLoader(context);
        loader.loadRoutes(resources.resolveResource("classpath:camel-inference/failover.yaml"),
                resources.resolveResource("classpath:routes/chat-failover.yaml"));
    }

    Exchange ask(String prompt) {
        return template.request("direct:chat", e -> e.getMessage().setBody(prompt));
    }

    <T extends Throwable> T failure(String prompt, Class<T> type) {
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBody("direct:chat", prompt, String.class));
        if (!type.isInstance(e.getCause())) {
            throw new AssertionError("expected " + type.getSimpleName() + " but was " + e.getCause(), e.getCause());
        }
        return type.cast(e.getCause());
    }

    /** The state of the primary's breaker in the {@code chat} route's failover step. */
    String breakerState() {
        return CircuitBreakers.failoverStep(context.getRoute("chat")).getBreakerStates().values().iterator().next();
    }
}

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
package io.github.camelinference.camel.inference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.junit.Simulator;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.test.junit5.CamelTestSupport;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Tests run against two real HTTP servers on loopback: one speaking as OpenAI, one as the Hugging Face router. The
 * component's environment is empty, so no key from the machine running the tests is ever used.
 */
abstract class SimulatorTestSupport extends CamelTestSupport {

    /** A canary key: tests check it never shows up where a user could see it. */
    static final String OPENAI_KEY = "sk-canary-0123456789-abcdefghijklmnop";
    static final String HF_KEY = "hf_canary-0123456789-abcdefghijklmnop";

    @Simulator(value = Flavour.OPENAI, resetBeforeEach = true)
    static ProviderSimulator openai;
    @Simulator(value = Flavour.HUGGINGFACE, resetBeforeEach = true)
    static ProviderSimulator huggingface;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        InferenceComponent component = new InferenceComponent();
        component.setEnvironment(name -> null);
        camel.addComponent("inference", component);
        return camel;
    }

    /** A tool taking one {@code order_id} and nothing else, run by the given endpoint. */
    static InferenceTool orderTool(String name, String description, String endpoint) {
        InferenceTool tool = new InferenceTool();
        tool.setName(name);
        tool.setDescription(description);
        tool.setParameters("{\"type\":\"object\",\"properties\":{\"order_id\":{\"type\":\"string\"}},"
                           + "\"required\":[\"order_id\"],\"additionalProperties\":false}");
        tool.setEndpoint(endpoint);
        return tool;
    }

    /** The lookup_order tool most tool tests use (order_id only), run by {@code direct:lookupOrder}. */
    static InferenceTool strictLookupOrderTool() {
        return orderTool("lookup_order", "Look up an order by id", "direct:lookupOrder");
    }

    static String openaiUri(String options) {
        return "inference:openai?baseUrl=" + openai.baseUrl() + "&apiKey=RAW(" + OPENAI_KEY + ")"
               + (options.isEmpty() ? "" : "&" + options);
    }

    static String hfUri(String options) {
        return "inference:huggingface?baseUrl=" + huggingface.baseUrl() + "&apiKey=RAW(" + HF_KEY + ")"
               + (options.isEmpty() ? "" : "&" + options);
    }

    /** Sends the body and returns the exception the exchange failed with, asserting its type. */
    <T extends Throwable> T failure(String uri, Object body, Class<T> type) {
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBody(uri, body, String.class));
        if (!type.isInstance(e.getCause())) {
            throw new AssertionError("expected " + type.getSimpleName() + " but was " + e.getCause(), e.getCause());
        }
        return type.cast(e.getCause());
    }

    static String fixture(String name) {
        try (InputStream in = SimulatorTestSupport.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

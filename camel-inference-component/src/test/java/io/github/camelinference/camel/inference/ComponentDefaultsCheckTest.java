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

import java.util.function.Consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The component checks its own options, the defaults of every endpoint, when it starts: a wrong one fails the
 * CamelContext's start naming the option, even while no route uses it.
 */
class ComponentDefaultsCheckTest {

    /** The messages of the failure the start ends with and of its causes, or fails the test when it starts. */
    private static String startFailure(Consumer<InferenceConfiguration> defaults) throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            InferenceComponent component = new InferenceComponent();
            defaults.accept(component.getConfiguration());
            context.addComponent("inference", component);
            Throwable failure = assertThrows(Exception.class, context::start);
            StringBuilder messages = new StringBuilder();
            for (Throwable t = failure; t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append(" / ");
            }
            return messages.toString();
        }
    }

    @Test
    void aDefaultOutOfRangeFailsTheStartNamingTheOption() throws Exception {
        String message = startFailure(config -> config.setTemperature(7.0));
        assertTrue(message.contains("inference component: temperature must be between 0.0 and 2.0, was 7.0"),
                message);
    }

    @Test
    void aDefaultThatIsNotAnAcceptedValueListsTheAcceptedOnes() throws Exception {
        String message = startFailure(config -> config.setReasoningEffort("extreme"));
        assertTrue(message.contains("invalid value 'extreme' for option reasoningEffort"), message);
        assertTrue(message.contains("high, low, medium, minimal, none"), message);
    }

    @Test
    void aDurationThatIsNotPositiveFailsTheStart() throws Exception {
        String message = startFailure(config -> config.setConnectTimeout(0));
        assertTrue(message.contains("connectTimeout must be positive, was 0"), message);
    }

    @Test
    void malformedModelSuccessorsFailTheStart() throws Exception {
        String message = startFailure(config -> config.setModelSuccessors("gpt-5-mini"));
        assertTrue(message.contains("modelSuccessors"), message);
    }

    @Test
    void malformedShutdownDatesFailTheStart() throws Exception {
        String message = startFailure(config -> config.setModelShutdownDates("gpt-5-mini=soon"));
        assertTrue(message.contains("modelShutdownDates"), message);
    }

    @Test
    void defaultsWithoutProviderBaseUrlOrKeyStart() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            InferenceComponent component = new InferenceComponent();
            component.getConfiguration().setTemperature(0.2);
            component.getConfiguration().setModelSuccessors("gpt-5-mini=gpt-5");
            context.addComponent("inference", component);
            assertDoesNotThrow(context::start);
            assertTrue(component.isStarted());
        }
    }
}

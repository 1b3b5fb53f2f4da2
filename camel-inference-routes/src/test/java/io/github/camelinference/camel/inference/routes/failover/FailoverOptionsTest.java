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
package io.github.camelinference.camel.inference.routes.failover;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.PropertyBindingException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way of setting the failover step's options reaches the same {@link FailoverOptions}. */
class FailoverOptionsTest {

    private final CamelContext camel = new DefaultCamelContext();

    @Test
    void optionsNamedOnTheStepAsAYamlBeanDoesAreBoundToItsOptions() {
        InferenceFailover step = new InferenceFailover();

        // the way Camel binds a YAML bean's properties (and camel.beans.<name>.<option>)
        PropertyBindingSupport.build().withMandatory(true).bind(camel, step, new HashMap<>(
                Map.of(
                        "retries", "3", "hedgeDelay", "250", "continueStreams", "false", "failureRateThreshold", "35",
                        "order", "breaker", "id", "chat-failover")));

        FailoverOptions options = step.getOptions();
        assertEquals(3, options.getRetries());
        assertEquals(250, options.getHedgeDelay());
        assertFalse(options.isContinueStreams());
        assertEquals(35f, options.getFailureRateThreshold());
        assertEquals("breaker", options.getOrder());
        assertEquals("chat-failover", step.getId(), "a property of the step itself still reaches the step");
    }

    @Test
    void theOptionsCanAlsoBeNamedThroughTheOptionsProperty() {
        InferenceFailover step = new InferenceFailover();

        PropertyBindingSupport.build().withMandatory(true).bind(camel, step, "options.retryDelay", "75");

        assertEquals(75, step.getOptions().getRetryDelay());
    }

    @Test
    void aMisspelledOptionIsAnErrorNamingIt() {
        PropertyBindingException e = assertThrows(PropertyBindingException.class,
                () -> PropertyBindingSupport.build().withMandatory(true)
                        .bind(camel, new InferenceFailover(), "retrys", "3"));

        assertTrue(e.getMessage().contains("retrys"), e.getMessage());
    }

    @Test
    void theFluentFormsSetTheSameOptions() {
        InferenceFailover step = new InferenceFailover().retries(1).maxRetryAfter(5_000).names("a,b");
        FailoverOptions options = new FailoverOptions().retries(1).maxRetryAfter(5_000).names("a,b");

        assertEquals(1, step.getOptions().getRetries());
        assertEquals(5_000, step.getOptions().getMaxRetryAfter());
        assertEquals(List.of("a", "b"), step.getOptions().nameList());
        assertEquals(1, new InferenceFailover(options).getOptions().getRetries());
    }

    @Test
    void anUnknownOrderIsRejectedWithTheValuesItTakes() {
        FailoverOptions options = new FailoverOptions().order("fastest");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, options::validate);

        assertEquals("order must be 'declared' or 'breaker', was 'fastest'", e.getMessage());
    }

    @Test
    void aNegativeDelayIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new FailoverOptions().hedgeDelay(-1).validate());
        assertThrows(IllegalArgumentException.class, () -> new FailoverOptions().retries(-1).validate());
    }
}

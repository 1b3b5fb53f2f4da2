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
package io.github.camelinference.camel.inference.springboot;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bad property stops the application at startup, and the message names the property and what it accepts. */
class BadPropertyTest {

    private static String startupFailure(String... properties) {
        return startupFailure(TestApplication.class, properties);
    }

    private static String startupFailure(Class<?> application, String... properties) {
        Throwable failure = assertThrows(Exception.class, () -> new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE).properties(properties).run().close());
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append(" / ");
        }
        return messages.toString();
    }

    @Test
    void anInvalidReasoningEffortNamesTheOptionAndTheAcceptedValues() {
        String message = startupFailure("camel.component.inference.api-key=k",
                "camel.component.inference.reasoning-effort=extreme");
        assertTrue(message.contains("'extreme' for option reasoningEffort"), message);
        assertTrue(message.contains("minimal"), message);
    }

    @Test
    void aNumberThatIsNotOneNamesTheProperty() {
        String message = startupFailure("camel.component.inference.max-tokens=lots");
        assertTrue(message.contains("camel.component.inference.max-tokens='lots' is not a whole number"), message);
    }

    @Test
    void aDurationThatIsNotOneNamesThePropertyAndTheAcceptedForms() {
        String message = startupFailure("camel.component.inference.connect-timeout=soon");
        assertTrue(message.contains("camel.component.inference.connect-timeout='soon' is not a duration such as 30s"),
                message);
    }

    @Test
    void aLimitBelowOneNamesTheOption() {
        String message = startupFailure("camel.component.inference.api-key=k",
                "camel.component.inference.max-response-bytes=0");
        assertTrue(message.contains("maxResponseBytes must be positive, was 0"), message);
    }

    @Test
    void aBadTopLevelValueFailsTheStartEvenWhenNoRouteOrProfileUsesIt() {
        String message = startupFailure(WithoutRoutes.class, "camel.component.inference.temperature=7");
        assertTrue(message.contains("inference component: temperature must be between 0.0 and 2.0, was 7.0"), message);
    }

    @Test
    void aPropertyThatNamesNoOptionIsNotIgnored() {
        String message = startupFailure("camel.component.inference.api-key=k",
                "camel.component.inference.max-token=256");
        assertTrue(message.contains("camel.component.inference.max-token is not an option of the inference component"),
                message);
    }

    @Test
    void aCompatibleProviderWithoutBaseUrlNamesWhatIsMissingEvenWhenNoRouteUsesIt() {
        String message = startupFailure("camel.component.inference.api-key=k",
                "camel.component.inference.providers.local-vllm.model=Qwen/Qwen3-8B");
        assertTrue(message.contains("camel.component.inference.providers.local-vllm"), message);
        assertTrue(message.contains("so it needs baseUrl"), message);
    }

    @Test
    void aComponentWideOptionInAProfileSaysWhereItBelongs() {
        String message = startupFailure("camel.component.inference.api-key=k",
                "camel.component.inference.providers.openai-eu.open-telemetry-metrics=false");
        assertTrue(message.contains("providers.openai-eu.open-telemetry-metrics is an option of the component as a"
                                    + " whole"),
                message);
        assertTrue(message.contains("set camel.component.inference.open-telemetry-metrics instead"), message);
    }

    @Test
    void anUnknownProviderTypeNamesTheAcceptedOnes() {
        String message = startupFailure("camel.component.inference.api-key=k",
                "camel.component.inference.providers.gw.type=anthropic",
                "camel.component.inference.providers.gw.base-url=http://127.0.0.1:9/v1");
        assertTrue(message.contains("providers.gw.type='anthropic'"), message);
        assertTrue(message.contains("openai-compatible"), message);
    }

    @Test
    void theApiKeyIsNeverInTheMessage() {
        String message = startupFailure("camel.component.inference.api-key=sk-secret-0123456789",
                "camel.component.inference.max-response-bytes=0");
        assertFalse(message.contains("sk-secret-0123456789"), message);
    }

    /** An application with the starter and no route: nothing creates an inference endpoint. */
    @EnableAutoConfiguration
    static class WithoutRoutes {
    }
}

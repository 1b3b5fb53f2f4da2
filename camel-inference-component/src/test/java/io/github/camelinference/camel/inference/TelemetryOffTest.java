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

import io.opentelemetry.api.GlobalOpenTelemetry;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Without an OpenTelemetry SDK the component records nothing and sends nothing more than before. */
class TelemetryOffTest extends SimulatorTestSupport {

    @Test
    void withoutAnSdkNoTraceHeaderIsSentAndTheGlobalInstanceIsLeftAlone() {
        Exchange answered = template.request(openaiUri(""), e -> e.getMessage().setBody("Hello"));

        assertNull(answered.getException());
        assertNull(openai.lastRequest().header("traceparent"));
        assertNull(openai.lastRequest().header("tracestate"));
        assertFalse(context.getComponent("inference", InferenceComponent.class).telemetry().isActive());
        assertFalse(GlobalOpenTelemetry.isSet(), "the component never installs a global instance by asking for it");
    }
}

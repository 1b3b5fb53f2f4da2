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

package io.github.camelinference.camel.inference.springboot;

import io.github.camelinference.camel.inference.InferenceComponent;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * When the application has Micrometer, every call of the inference component is recorded as GenAI metrics, unless
 * the application has an OpenTelemetry SDK: then the component records the same {@code gen_ai.*} metrics through
 * OpenTelemetry itself, and these Micrometer meters are left out, so no call is counted twice.
 */
@AutoConfiguration(after = InferenceAutoConfiguration.class)
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
@ConditionalOnBean(InferenceComponent.class)
public class InferenceMetricsAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceMetricsAutoConfiguration.class);

    /** Registered once every bean exists, so it works whichever auto-configuration creates the registry. */
    @Bean
    SmartInitializingSingleton inferenceGenAiMetrics(InferenceComponent component,
                                                     ObjectProvider<MeterRegistry> registries,
                                                     ObjectProvider<OpenTelemetry> openTelemetry) {
        return () -> {
            if (recordsThroughOpenTelemetry(component, openTelemetry)) {
                LOG.info("inference: GenAI metrics go through OpenTelemetry; the Micrometer gen_ai.* meters are not"
                         + " registered, so no call is counted twice");
                return;
            }
            registries.ifAvailable(registry -> component.addCallObserver(new GenAiMetrics(registry)));
        };
    }

    /**
     * Whether the component reports to an OpenTelemetry SDK: its {@code openTelemetry} option, the one OpenTelemetry
     * bean it will be autowired with, or a global instance already set (the SDK's autoconfigure, the Java agent).
     */
    static boolean recordsThroughOpenTelemetry(InferenceComponent component,
                                               ObjectProvider<OpenTelemetry> openTelemetry) {
        return component.getOpenTelemetry() != null || openTelemetry.getIfUnique() != null
               || GlobalOpenTelemetry.isSet();
    }
}

package io.github.camelinference.camel.inference.springboot;

import io.github.camelinference.camel.inference.InferenceComponent;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** When the application has Micrometer, every call of the inference component is recorded as GenAI metrics. */
@AutoConfiguration(after = InferenceAutoConfiguration.class)
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
@ConditionalOnBean(InferenceComponent.class)
public class InferenceMetricsAutoConfiguration {

    /** Registered once every bean exists, so it works whichever auto-configuration creates the registry. */
    @Bean
    SmartInitializingSingleton inferenceGenAiMetrics(InferenceComponent component,
                                                     ObjectProvider<MeterRegistry> registries) {
        return () -> registries.ifAvailable(registry -> component.addCallObserver(new GenAiMetrics(registry)));
    }
}

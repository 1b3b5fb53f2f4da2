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

import io.github.camelinference.camel.inference.InferenceComponent;
import org.apache.camel.CamelContext;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** With the actuator present: health of the providers (from real calls) and of the circuit breakers. */
@AutoConfiguration(after = InferenceAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
@ConditionalOnBean(InferenceComponent.class)
@ConditionalOnEnabledHealthIndicator("inference")
public class InferenceHealthAutoConfiguration {

    @Bean
    ProviderReachability inferenceProviderReachability(InferenceComponent component) {
        ProviderReachability reachability = new ProviderReachability();
        component.addCallObserver(reachability);
        return reachability;
    }

    /** Named so that it shows as "inference" under /actuator/health. */
    @Bean(name = "inferenceHealthIndicator")
    InferenceHealthIndicator inferenceHealthIndicator(ProviderReachability reachability, CamelContext camel) {
        return new InferenceHealthIndicator(reachability, camel);
    }
}

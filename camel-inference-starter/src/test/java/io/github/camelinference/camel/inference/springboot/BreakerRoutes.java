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

import io.github.camelinference.camel.inference.routes.failover.InferenceFailover;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** For the health test only: a provider behind a circuit breaker with a fallback, and the same in a failover step. */
@Configuration
@ConditionalOnProperty("test.breaker-route")
class BreakerRoutes {

    @Bean
    RouteBuilder breakerRoute() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:guarded").routeId("guarded")
                        .circuitBreaker()
                        .resilience4jConfiguration().minimumNumberOfCalls(3).slidingWindowSize(3)
                        .failureRateThreshold(50).waitDurationInOpenState(60).end()
                        .to("inference:flaky")
                        .onFallback()
                        .transform().constant("fallback")
                        .end();
                from("direct:failover").routeId("failover")
                        .loadBalance(new InferenceFailover())
                        .to("inference:flaky")
                        .to("inference:openai-eu")
                        .end();
            }
        };
    }
}

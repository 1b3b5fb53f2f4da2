package io.github.camelinference.camel.inference.springboot;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A Spring Boot application as a user writes one: routes name the profiles, the properties say where they are. */
@SpringBootApplication
public class TestApplication {

    /** What spring-boot-starter-actuator would provide. */
    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    @Bean
    RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:default").to("inference:openai");
                from("direct:eu").to("inference:openai-eu");
                from("direct:cheap").to("inference:hf-cheap");
            }
        };
    }
}

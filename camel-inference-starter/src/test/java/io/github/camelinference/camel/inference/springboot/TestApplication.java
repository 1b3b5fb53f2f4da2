package io.github.camelinference.camel.inference.springboot;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A Spring Boot application as a user writes one: routes name the profiles, the properties say where they are. */
@SpringBootApplication
public class TestApplication {

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

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

import io.github.camelinference.camel.inference.error.ErrorDetails;
import io.github.camelinference.camel.inference.error.ErrorKind;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.routes.InferenceTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What reaches the caller's exchange from the step's attempts: everything the answering attempt set (body, headers,
 * properties), nothing a failed attempt set, and the caller's own headers and properties as they were.
 */
class AttemptIsolationTest extends InferenceTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:chat")
                        .loadBalance(new InferenceFailover())
                        .to("direct:failing")
                        .to("direct:answering")
                        .end();
                from("direct:failing").errorHandler(noErrorHandler())
                        .setProperty("setByFailed", constant("yes"))
                        .setProperty("callerProperty", constant("overwritten by the failed attempt"))
                        .setHeader("X-Failed", constant("yes"))
                        .setHeader("X-Caller", constant("overwritten by the failed attempt"))
                        .setBody(constant("the failed attempt's body"))
                        .process(exchange -> {
                            throw InferenceException.of(ErrorKind.AUTHENTICATION,
                                    ErrorDetails.of("test", "the first target refuses the key"), null);
                        });
                from("direct:answering").errorHandler(noErrorHandler())
                        .setProperty("setByAnswer", simple("${body} answered"))
                        .setHeader("X-Answer", constant("yes"))
                        .setBody(constant("the answer"));
            }
        };
    }

    @Test
    void aFailedAttemptLeavesNothingAndTheAnswerBringsWhatItSet() {
        for (ExchangePattern pattern : ExchangePattern.values()) {
            Exchange result = template.send("direct:chat", pattern, exchange -> {
                exchange.setProperty("callerProperty", "the caller's");
                exchange.getMessage().setHeader("X-Caller", "the caller's");
                exchange.getMessage().setBody("the question");
            });

            assertNull(result.getException(), pattern.name());
            assertEquals("the answer", result.getMessage().getBody(), pattern.name());
            assertEquals("yes", result.getMessage().getHeader("X-Answer"), pattern.name());
            assertEquals("the question answered", result.getProperty("setByAnswer"), pattern.name());
            assertEquals("the caller's", result.getMessage().getHeader("X-Caller"), pattern.name());
            assertEquals("the caller's", result.getProperty("callerProperty"), pattern.name());
            assertNull(result.getMessage().getHeader("X-Failed"), pattern.name());
            assertFalse(result.getProperties().containsKey("setByFailed"), pattern.name());
            assertEquals("direct://answering", result.getMessage().getHeader(FailoverConstants.TARGET), pattern.name());
        }
    }
}

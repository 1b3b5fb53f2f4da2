package io.github.camelinference.examples.java;

import io.github.camelinference.camel.inference.error.FailoverableInferenceException;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.error.InferenceTimeoutException;
import io.github.camelinference.camel.inference.error.RetryableInferenceException;
import io.github.camelinference.camel.inference.routes.FailoverSupport;
import org.apache.camel.builder.RouteBuilder;

/**
 * The building blocks of the YAML example in Java DSL. Endpoint URIs come from properties ({@code openai.uri},
 * {@code hf.uri}, {@code hf.eu.uri}, ...) so the same routes run against the simulator or the real services.
 */
public class FailoverRoutes extends RouteBuilder {

    @Override
    public void configure() {
        // 1. Failover: a circuit breaker around the primary, the router as fallback.
        from("direct:chat").routeId("chat")
                .bean(FailoverSupport.class, "begin")
                .circuitBreaker().id("chat-breaker")
                    .resilience4jConfiguration()
                        .failureRateThreshold(50).minimumNumberOfCalls(5).slidingWindowSize(10)
                        .waitDurationInOpenState(2).permittedNumberOfCallsInHalfOpenState(2)
                        .automaticTransitionFromOpenToHalfOpenEnabled(true)
                    .end()
                    .to("direct:guarded-primary")
                .onFallback()
                    .bean(FailoverSupport.class, "fallingBack")
                    .to("{{hf.uri}}")
                .end()
                .bean(FailoverSupport.class, "rethrowNotFailoverable");

        // A request no provider can fix is kept out of the breaker's count and away from the fallback: caught here,
        // handed back to the caller after the breaker.
        from("direct:guarded-primary").routeId("guarded-primary")
                .doTry()
                    .to("direct:call-primary")
                .doCatch(InferenceException.class).onWhen(simple("${exception.failoverable} == false"))
                    .setProperty(FailoverSupport.NOT_FAILOVERABLE, simple("${exception}"))
                .end();

        // 4. Retries on the primary: only retryable errors, waiting as long as Retry-After asks (the component sets
        //    CamelRedeliveryDelay from it); a timeout goes to the fallback at once instead of waiting again.
        from("direct:call-primary").routeId("call-primary")
                .onException(InferenceTimeoutException.class).maximumRedeliveries(0).logExhausted(false).end()
                .onException(RetryableInferenceException.class)
                    .retryWhile(simple("${header.CamelRedeliveryCounter} <= {{inference.retries:1}}"
                                       + " && ${exception.retryAfterMillis} <= {{inference.maxRetryAfter:5000}}"))
                    .redeliveryDelay(200).asyncDelayedRedelivery().logExhausted(false).logRetryAttempted(false)
                .end()
                .onException(InferenceException.class).maximumRedeliveries(0).logExhausted(false).end()
                .to("{{openai.uri}}");

        // 2. Content-based routing: provider and model per message.
        from("direct:ask").routeId("ask")
                .choice()
                    .when(header("region").isEqualTo("eu")).to("{{hf.eu.uri}}")
                    .when(header("needsJson").isEqualTo("true")).to("{{openai.json.uri}}")
                    .when(header("tier").isEqualTo("premium")).to("direct:chat")
                    .when(simple("${body.length} > 2000")).to("{{hf.cheapest.uri}}")
                    .otherwise().to("{{hf.uri}}")
                .end();

        // 3. Load balancing: weighted, round robin, and an ordered failover chain.
        from("direct:spread").routeId("spread")
                .loadBalance().weighted(false, "3,1")
                    .to("{{openai.uri}}").to("{{hf.uri}}")
                .end();
        from("direct:round-robin").routeId("round-robin")
                .loadBalance().roundRobin()
                    .to("{{hf.groq.uri}}").to("{{hf.together.uri}}")
                .end();
        from("direct:failover-chain").routeId("failover-chain")
                .loadBalance().failover(FailoverableInferenceException.class)
                    .to("{{openai.uri}}").to("{{hf.uri}}").to("{{hf.cheapest.uri}}")
                .end();
    }
}

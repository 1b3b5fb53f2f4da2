package io.github.camelinference.examples.gateway.http;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelinference.examples.gateway.openai.GatewayException;
import io.github.camelinference.examples.gateway.openai.OpenAiErrors;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** The routes' {@code onException}: the caught failure as an OpenAI error, with its status and Retry-After. */
public final class ErrorOut implements Processor {

    private final ObjectMapper mapper;

    public ErrorOut(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        GatewayException error = OpenAiErrors.toGateway(caught);
        Map<String, String> extra = error.retryAfter() == null ? Map.of()
                : Map.of("Retry-After", Long.toString(Math.max(1, (error.retryAfter().toMillis() + 999) / 1000)),
                         "retry-after-ms", Long.toString(error.retryAfter().toMillis()));
        GatewayExchange.answerHeaders(exchange, error.status(), "application/json", extra);
        exchange.getMessage().setBody(mapper.writeValueAsBytes(OpenAiErrors.body(mapper, error)));
    }
}

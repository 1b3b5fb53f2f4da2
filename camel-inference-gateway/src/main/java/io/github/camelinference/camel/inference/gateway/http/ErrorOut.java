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
package io.github.camelinference.camel.inference.gateway.http;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelinference.camel.inference.budget.BudgetGuard;
import io.github.camelinference.camel.inference.error.BudgetExceededException;
import io.github.camelinference.camel.inference.gateway.openai.GatewayException;
import io.github.camelinference.camel.inference.gateway.openai.OpenAiErrors;
import io.github.camelinference.camel.inference.gateway.tenant.BudgetReset;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes' {@code onException}: the caught failure as an OpenAI error, with its status and Retry-After (for a spent
 * budget, the start of the budget's next window). Failures of the gateway or its providers (5xx) are logged with the
 * request id; the caller's own mistakes (4xx) only at debug level.
 */
public final class ErrorOut implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorOut.class);

    private final ObjectMapper mapper;
    private final BudgetGuard budget;

    public ErrorOut(ObjectMapper mapper, BudgetGuard budget) {
        this.mapper = mapper;
        this.budget = budget;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        GatewayException error = OpenAiErrors.toGateway(caught);
        if (caught instanceof BudgetExceededException) {
            error = new GatewayException(
                    error.status(), error.type(), error.code(), error.getMessage(),
                    BudgetReset.until(budget.window(), Instant.now()));
        }
        String requestId = exchange.getProperty(GatewayExchange.REQUEST_ID, String.class);
        if (error.status() >= 500) {
            // why: the exception's text is the component's, which masks keys; it is for operators, not callers
            LOG.warn("request {} answered {}: {}", requestId, error.status(), caught == null ? "?" : caught.toString());
        } else {
            LOG.debug("request {} answered {}: {}", requestId, error.status(), error.getMessage());
        }
        Map<String, String> extra = error.retryAfter() == null
                ? Map.of()
                : Map.of("Retry-After", Long.toString(Math.max(1, (error.retryAfter().toMillis() + 999) / 1000)),
                        "retry-after-ms", Long.toString(error.retryAfter().toMillis()));
        GatewayExchange.answerHeaders(exchange, error.status(), "application/json", extra);
        exchange.getMessage().setBody(mapper.writeValueAsBytes(OpenAiErrors.body(mapper, error)));
    }
}

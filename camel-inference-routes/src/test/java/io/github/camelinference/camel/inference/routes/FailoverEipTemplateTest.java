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
package io.github.camelinference.camel.inference.routes;

import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.camelinference.camel.inference.error.InvalidRequestException;
import io.github.camelinference.simulator.Reply;
import org.apache.camel.Exchange;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The alternative template on Camel's own circuitBreaker EIP still fails over, and still fails fast on a 400. */
class FailoverEipTemplateTest extends FailoverTestSupport {

    @Override
    protected void doPostSetup() throws Exception {
        var resources = PluginHelper.getResourceLoader(context);
        PluginHelper.getRoutesLoader(context).loadRoutes(
                resources.resolveResource("classpath:camel-inference/failover-eip.yaml"),
                resources.resolveResource("classpath:routes/chat-failover-eip.yaml"));
    }

    @Test
    void aPrimaryReturning503IsRetriedThenTheFallbackAnswers() {
        primary.always(Reply.json(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"));

        Exchange result = ask("Hello");

        assertNull(result.getException());
        assertEquals("huggingface", result.getMessage().getHeader(InferenceConstants.PROVIDER));
        assertEquals(true, result.getMessage().getHeader(FailoverSupport.FALLBACK_USED));
        assertEquals(3, primary.requestCount());
        assertEquals("CLOSED", CircuitBreakers.of(context.getRoute("chat")).getCircuitBreakerState());
    }

    @Test
    void anInvalidRequestFailsFastWithoutTheFallback() {
        primary.always(Reply.json(400, "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\"}}"));

        failure("Hello", InvalidRequestException.class);

        assertEquals(0, fallback.requestCount());
    }
}

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
package io.github.camelinference.examples.springboot;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.camelinference.camel.inference.error.InferenceException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.direct.DirectConsumerNotAvailableException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Takes a prompt, answers through the failover route, and says who answered. While the route is not running (the
 * service is starting or stopping) it answers 503 with {@code Retry-After}, as the readiness probe says.
 */
@RestController
public class AskController {

    private final ProducerTemplate camel;
    private final ChatRouteReadiness readiness;

    public AskController(ProducerTemplate camel, ChatRouteReadiness readiness) {
        this.camel = camel;
        this.readiness = readiness;
    }

    @PostMapping(path = "/ask", produces = "application/json")
    public ResponseEntity<Map<String, Object>> ask(@RequestBody String prompt) {
        Map<String, Object> answer = new LinkedHashMap<>();
        if (!readiness.running()) {
            return notReady(answer);
        }
        Exchange result = camel.request("direct:chat", e -> e.getMessage().setBody(prompt));
        if (result.getException() instanceof DirectConsumerNotAvailableException) {
            return notReady(answer); // the route stopped between the check and the call
        }
        if (result.getException() instanceof InferenceException e) {
            answer.put("error", e.getKind().name());
            answer.put("message", e.getProviderMessage());
            return ResponseEntity.status(e.isFailoverable() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_REQUEST)
                    .body(answer);
        }
        if (result.getException() != null) {
            throw new IllegalStateException("the route failed", result.getException());
        }
        var m = result.getMessage();
        answer.put("answer", m.getBody(String.class));
        answer.put("provider", m.getHeader(InferenceConstants.PROVIDER));
        answer.put("backend", m.getHeader(InferenceConstants.BACKEND));
        answer.put("model", m.getHeader(InferenceConstants.RESPONSE_MODEL));
        answer.put("fallback", m.getHeader("CamelInferenceFallbackUsed"));
        answer.put("attempts", m.getHeader(InferenceConstants.ATTEMPTS));
        answer.put("tokens", m.getHeader(InferenceConstants.TOTAL_TOKENS));
        return ResponseEntity.ok(answer);
    }

    private static ResponseEntity<Map<String, Object>> notReady(Map<String, Object> answer) {
        answer.put("error", "NOT_READY");
        answer.put("message", "the chat route is not running yet; retry shortly");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1").body(answer);
    }
}

package io.github.camelinference.examples.springboot;

import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.camelinference.camel.inference.error.InferenceException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/** Takes a prompt, answers through the failover route, and says who answered. */
@RestController
public class AskController {

    private final ProducerTemplate camel;

    public AskController(ProducerTemplate camel) {
        this.camel = camel;
    }

    @PostMapping(path = "/ask", produces = "application/json")
    public ResponseEntity<Map<String, Object>> ask(@RequestBody String prompt) {
        Exchange result = camel.request("direct:chat", e -> e.getMessage().setBody(prompt));
        Map<String, Object> answer = new LinkedHashMap<>();
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
}

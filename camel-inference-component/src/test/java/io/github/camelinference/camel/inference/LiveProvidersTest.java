package io.github.camelinference.camel.inference;

import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Calls the real services; runs only where a key is set (never in CI, which has no network to them). */
class LiveProvidersTest extends CamelTestSupport {

    @Test
    @EnabledIfEnvironmentVariable(named = "OPENAI_API_KEY", matches = ".+")
    void openAiAnswers() {
        Exchange result = template.request("inference:openai?reasoningEffort=minimal&maxTokens=256",
                e -> e.getMessage().setBody("Say OK."));
        assertNull(result.getException());
        assertFalse(result.getMessage().getBody(String.class).isBlank());
        assertNotNull(result.getMessage().getHeader(InferenceConstants.TOTAL_TOKENS));
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "HF_TOKEN", matches = ".+")
    void huggingFaceRouterAnswersAndNamesTheBackend() {
        Exchange result = template.request("inference:huggingface?routerPolicy=fastest&maxTokens=256",
                e -> e.getMessage().setBody("Say OK."));
        assertNull(result.getException());
        assertNotNull(result.getMessage().getHeader(InferenceConstants.BACKEND));
    }
}

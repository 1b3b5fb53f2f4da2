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
package io.github.camelinference.camel.inference.lifecycle;

import java.util.List;
import java.util.Map;

import io.github.camelinference.camel.inference.chat.ChatMessage;
import io.github.camelinference.camel.inference.chat.ChatParameters;
import io.github.camelinference.camel.inference.error.ErrorClassifier;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.lifecycle.UnsupportedParameters.Adjustment;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Which parameter a model's 400 refuses, and what is sent instead; OpenAI's own wordings. */
class UnsupportedParametersTest {

    private static ChatParameters request(String effort, Double temperature, Map<String, Object> extra) {
        return new ChatParameters(
                "gpt-6.1-terra", List.of(ChatMessage.user("Hi")), temperature, null, 100, effort,
                null, null, null, null, null, false, false, extra, List.of());
    }

    private static InferenceException refusal(String param, String code, String message) {
        return ErrorClassifier.fromResponse("openai", 400, name -> null, "{\"error\":{\"message\":\"" + message
                                                                         + "\",\"type\":\"invalid_request_error\",\"param\":\""
                                                                         + param + "\",\"code\":\"" + code + "\"}}");
    }

    @Test
    void aRefusedReasoningEffortBecomesTheNearestSupportedValueAboveIt() {
        ChatParameters sent = request("minimal", null, Map.of());
        Adjustment adjustment = UnsupportedParameters.adjustmentFor(sent, refusal("reasoning_effort",
                "unsupported_value", "Unsupported value: 'minimal' is not supported with the 'gpt-5.1' model."
                                     + " Supported values are: 'none', 'low', 'medium', and 'high'."));

        assertEquals(new Adjustment("reasoning_effort", "minimal", "low"), adjustment);
        assertEquals("low", adjustment.applyTo(sent).reasoningEffort());
        assertEquals(100, adjustment.applyTo(sent).maxTokens(), "the output limit is never touched");
    }

    @Test
    void aRefusedTopEffortBecomesTheHighestSupportedOne() {
        ChatParameters sent = request("xhigh", null, Map.of());

        Adjustment adjustment = UnsupportedParameters.adjustmentFor(sent, refusal("reasoning_effort",
                "unsupported_value", "Unsupported value: 'xhigh' is not supported with the 'gpt-5-mini' model."
                                     + " Supported values are: 'minimal', 'low', 'medium', and 'high'."));

        assertEquals("high", adjustment.replacement());
    }

    @Test
    void aTemperatureOnlyTheDefaultOfWhichIsTakenIsLeftOut() {
        ChatParameters sent = request(null, 0.2, Map.of());

        Adjustment adjustment = UnsupportedParameters.adjustmentFor(sent, refusal("temperature", "unsupported_value",
                "Unsupported value: 'temperature' does not support 0.2 with this model. Only the default (1) value is"
                                                                                                                      + " supported."));

        assertEquals(new Adjustment("temperature", "0.2", null), adjustment);
        assertNull(adjustment.applyTo(sent).temperature());
    }

    @Test
    void anAdditionalBodyPropertyTheModelDoesNotTakeIsLeftOut() {
        ChatParameters sent = request(null, null, Map.of("logprobs", true, "store", false));

        Adjustment adjustment = UnsupportedParameters.adjustmentFor(sent, refusal("logprobs", "unsupported_parameter",
                "Unsupported parameter: 'logprobs' is not supported with this model."));

        assertEquals(Map.of("store", false), adjustment.applyTo(sent).extraBody());
    }

    @Test
    void theOutputLimitAndOtherErrorsAreNeverAdjusted() {
        ChatParameters sent = request("low", null, Map.of());

        assertNull(UnsupportedParameters.adjustmentFor(sent, refusal("max_tokens", "unsupported_parameter",
                "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens'"
                                                                                                            + " instead.")),
                "the output limit bounds spend: a wrong field name is the provider type's to fix");
        assertNull(UnsupportedParameters.adjustmentFor(sent, refusal("messages", "context_length_exceeded",
                "This model's maximum context length is 400000 tokens.")));
        assertNull(UnsupportedParameters.adjustmentFor(sent, refusal("messages", "unsupported_value",
                "Unsupported value: 'messages[1].role' does not support 'tool' with this model.")));
    }

    @Test
    void aLearnedChangeAppliesOnlyToTheValueThatWasRefused() {
        Adjustment adjustment = new Adjustment("reasoning_effort", "minimal", "low");

        assertEquals(true, adjustment.matches(request("minimal", null, Map.of())));
        assertEquals(false, adjustment.matches(request("high", null, Map.of())));
    }
}

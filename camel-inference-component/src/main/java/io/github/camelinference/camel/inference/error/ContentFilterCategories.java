package io.github.camelinference.camel.inference.error;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The categories a provider's content filter flagged, as Azure OpenAI reports them: {@code hate}, {@code sexual},
 * {@code violence}, {@code self_harm} (each {@code filtered} with a {@code severity}), {@code jailbreak} and others
 * ({@code filtered} when {@code detected}). A refusal's message names them, so a caller learns why without the body.
 */
public final class ContentFilterCategories {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ContentFilterCategories() {
    }

    /**
     * The message with the flagged categories added ({@code "…; filtered: violence (high)"}), or the message unchanged
     * when the body names none.
     *
     * @param body an error body ({@code error.innererror.content_filter_result}) or answer
     *             ({@code choices[0].content_filter_results}) as received
     */
    public static String describe(String message, String body) {
        if (body == null || body.isBlank()) {
            return message;
        }
        try {
            return describe(message, MAPPER.readTree(body));
        } catch (Exception notJson) {
            return message;
        }
    }

    /** As {@link #describe(String, String)}, for a body already parsed. */
    public static String describe(String message, JsonNode body) {
        List<String> flagged = flagged(body);
        // why an excerpt: the names are the provider's, and a hostile one could send megabytes of them
        return flagged.isEmpty() ? message : message + "; filtered: " + Excerpt.of(String.join(", ", flagged));
    }

    private static List<String> flagged(JsonNode body) {
        JsonNode error = body.path("error");
        JsonNode result = error.path("innererror").path("content_filter_result");
        if (!result.isObject()) {
            result = error.path("innererror").path("content_filter_results");
        }
        if (!result.isObject()) {
            result = body.path("choices").path(0).path("content_filter_results");
        }
        List<String> flagged = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = result.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> category = it.next();
            if (category.getValue().path("filtered").asBoolean(false)) {
                String severity = category.getValue().path("severity").asText("");
                flagged.add(severity.isEmpty() ? category.getKey() : category.getKey() + " (" + severity + ")");
            }
        }
        return flagged;
    }
}

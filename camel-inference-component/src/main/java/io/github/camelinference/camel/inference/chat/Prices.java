package io.github.camelinference.camel.inference.chat;

/**
 * What a model costs, in USD per million tokens. {@code promptTokens} include the cached ones and
 * {@code completionTokens} the reasoning ones (billed as output), as OpenAI reports them, so
 * cost = (prompt − cached) × input + cached × cachedInput + completion × output.
 */
public record Prices(double input, double cachedInput, double output) {

    /** GPT-5 mini on OpenAI's price list: $0.25 input, $0.025 cached input, $2.00 output per 1M tokens. */
    public static final Prices GPT_5_MINI = new Prices(0.25, 0.025, 2.00);

    /** The built-in price for a model id as providers report it (dated ids included), or null when unknown. */
    public static Prices builtIn(String model) {
        if (model != null && (model.equals("gpt-5-mini") || model.startsWith("gpt-5-mini-20"))) {
            return GPT_5_MINI;
        }
        return null;
    }

    /** The estimated cost of one answer in USD, or null when the provider reported no usage. */
    public Double cost(Usage usage) {
        if (usage.promptTokens() == null || usage.completionTokens() == null) {
            return null;
        }
        int cached = usage.cachedTokens() == null ? 0 : usage.cachedTokens();
        return ((usage.promptTokens() - cached) * input + cached * cachedInput + usage.completionTokens() * output)
               / 1_000_000.0;
    }
}

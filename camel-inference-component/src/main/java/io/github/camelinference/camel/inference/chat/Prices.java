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
package io.github.camelinference.camel.inference.chat;

/**
 * What a model costs, in USD per million tokens. {@code promptTokens} include the cached ones and
 * {@code completionTokens} the reasoning ones (billed as output), as OpenAI reports them, so cost = (prompt − cached) ×
 * input + cached × cachedInput + completion × output.
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

    /**
     * The estimated cost of one answer in USD, never negative; null when the provider reported no usage or usage that
     * cannot be believed ({@link Usage#isMalformed()}).
     */
    public Double cost(Usage usage) {
        if (usage.isMalformed() || usage.promptTokens() == null || usage.completionTokens() == null) {
            return null;
        }
        long prompt = Math.max(0, usage.promptTokens());
        long completion = Math.max(0, usage.completionTokens());
        // why: a hand-made Usage can still claim more cached tokens than prompt tokens; never let that credit money
        long cached = usage.cachedTokens() == null ? 0 : Math.min(prompt, Math.max(0, usage.cachedTokens()));
        double cost = ((prompt - cached) * input + cached * cachedInput + completion * output) / 1_000_000.0;
        return Math.max(0, cost);
    }

    /** The most a call can cost in USD: every prompt token at the dearer input price, every output token at output. */
    public double maxCost(long promptTokens, long outputTokens) {
        double inputPrice = Math.max(Math.max(input, cachedInput), 0);
        return Math.max(0, (Math.max(0, promptTokens) * inputPrice + Math.max(0, outputTokens) * Math.max(0, output))
                           / 1_000_000.0);
    }
}

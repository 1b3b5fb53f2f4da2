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
package io.github.camelinference.camel.inference.telemetry;

import java.net.URI;
import java.util.Locale;

/**
 * What every span and metric of one endpoint's calls says about where they go, resolved once when the endpoint starts.
 *
 * @param providerName           {@code gen_ai.provider.name}
 * @param endpointProvider       the endpoint's own provider name ({@code inference:<name>})
 * @param serverAddress          {@code server.address}: the base URL's host
 * @param serverPort             {@code server.port}: the base URL's port, or the scheme's default
 * @param rateLimitAccount       the provider account of the endpoint's rate limits, or null without any
 * @param captureContent         whether prompts and answers are recorded ({@code gen_ai.input.messages},
 *                               {@code gen_ai.output.messages})
 * @param captureContentMaxChars the most characters of message content recorded per attribute
 */
public record CallTarget(String providerName, String endpointProvider, String serverAddress, int serverPort,
        String rateLimitAccount, boolean captureContent, int captureContentMaxChars) {

    /** The largest {@code captureContentMaxChars} accepted: beyond it, spans would be refused by most backends. */
    public static final int MAX_CAPTURE_CHARS = 1_000_000;

    /**
     * The target of an endpoint.
     *
     * @param providerType the endpoint's provider type name ({@code OPENAI}, {@code HUGGINGFACE}, an Azure type, …)
     */
    public static CallTarget of(
            String providerType, String endpointProvider, URI baseUri, String rateLimitAccount,
            boolean captureContent, int captureContentMaxChars) {
        int port = baseUri.getPort();
        if (port < 0) {
            port = "http".equalsIgnoreCase(baseUri.getScheme()) ? 80 : 443;
        }
        return new CallTarget(
                providerName(providerType, endpointProvider), endpointProvider, baseUri.getHost(), port,
                rateLimitAccount, captureContent, captureContentMaxChars);
    }

    /**
     * {@code gen_ai.provider.name}: {@code openai}, {@code azure.ai.openai} as the conventions list them; the Hugging
     * Face router is not in their list and gets the custom value {@code huggingface}; any other OpenAI-compatible
     * server the endpoint's own provider name.
     */
    static String providerName(String providerType, String endpointProvider) {
        String type = providerType == null ? "" : providerType.toUpperCase(Locale.ROOT);
        if (type.startsWith("AZURE")) {
            return GenAi.PROVIDER_AZURE_OPENAI;
        }
        return switch (type) {
            case "OPENAI" -> GenAi.PROVIDER_OPENAI;
            case "HUGGINGFACE" -> GenAi.PROVIDER_HUGGINGFACE;
            default -> endpointProvider;
        };
    }
}

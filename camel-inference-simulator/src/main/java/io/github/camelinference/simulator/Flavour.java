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
package io.github.camelinference.simulator;

/** Which real service the simulator impersonates: it changes model names, usage details and response headers. */
public enum Flavour {
    /** api.openai.com: dated model ids, usage with cached and reasoning token details, {@code x-request-id}. */
    OPENAI,
    /**
     * router.huggingface.co: the {@code :policy} or {@code :backend} suffix is stripped from the model id, and the
     * backend that served is named in {@code x-inference-provider}.
     */
    HUGGINGFACE,
    /**
     * Azure OpenAI: both URL shapes ({@code /openai/v1/chat/completions} with the deployment as {@code model}, and
     * {@code /openai/deployments/{deployment}/chat/completions?api-version=…}), the {@code api-key} header or a Bearer
     * token from the simulator's own Microsoft Entra ID token endpoint, content-filter verdicts on every answer, and
     * Azure's error bodies ({@code DeploymentNotFound}, {@code content_filter}, 401, 429 with {@code retry-after-ms}).
     */
    AZURE
}

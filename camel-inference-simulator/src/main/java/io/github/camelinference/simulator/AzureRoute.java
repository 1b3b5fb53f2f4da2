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

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which Azure OpenAI URL shape a chat request used: the v1 API ({@code /openai/v1/chat/completions}, the deployment in
 * the body's {@code model}) or the deployment URL ({@code /openai/deployments/{deployment}/chat/completions}, which
 * needs {@code ?api-version=}). Azure's error bodies go with it.
 *
 * @param deployment the deployment named in the URL, or null for the v1 API
 */
record AzureRoute(String deployment) {

    private static final Pattern V1 = Pattern.compile("/openai/v1/chat/completions");
    private static final Pattern DEPLOYMENT = Pattern.compile("/openai/deployments/([^/]+)/chat/completions");
    private static final Pattern API_VERSION = Pattern.compile("(?:^|&)api-version=([^&]+)");

    /** Azure's answer to a path it does not serve, a deployment URL without api-version included. */
    static final Reply NOT_FOUND = Reply.json(404, "{\"error\":{\"code\":\"404\",\"message\":\"Resource not found\"}}");

    static final Reply DEPLOYMENT_NOT_FOUND = Reply.json(404, "{\"error\":{\"code\":\"DeploymentNotFound\","
                                                              + "\"message\":\"The API deployment for this resource does not exist. If you created the deployment within"
                                                              + " the last 5 minutes, please wait a moment and try again.\"}}");

    static final Reply INVALID_KEY = Reply.json(401, "{\"error\":{\"code\":\"401\",\"message\":\"Access denied due"
                                                     + " to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active"
                                                     + " subscription and use a correct regional API endpoint for your resource.\"}}");

    static final Reply INVALID_TOKEN = Reply.json(401, "{\"error\":{\"code\":\"401\",\"message\":\"Unauthorized."
                                                       + " Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have"
                                                       + " expired.\"}}")
            .withHeader("www-authenticate", "Bearer authorization_uri=\"https://login.microsoftonline"
                                            + ".com/common\", error=\"invalid_token\"");

    /** The route of a request path (query included), or null when it is neither shape (or lacks api-version). */
    static AzureRoute of(String path) {
        int question = path.indexOf('?');
        String bare = question < 0 ? path : path.substring(0, question);
        String query = question < 0 ? "" : path.substring(question + 1);
        if (V1.matcher(bare).matches()) {
            return new AzureRoute(null);
        }
        Matcher deployment = DEPLOYMENT.matcher(bare);
        if (deployment.matches() && API_VERSION.matcher(query).find()) {
            return new AzureRoute(URLDecoder.decode(deployment.group(1), StandardCharsets.UTF_8));
        }
        return null;
    }
}

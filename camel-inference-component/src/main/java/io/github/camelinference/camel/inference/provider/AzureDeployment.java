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
package io.github.camelinference.camel.inference.provider;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where an Azure OpenAI deployment answers, in one of Azure's two URL shapes:
 * <ul>
 * <li>the v1 API, {@code {endpoint}/openai/v1/chat/completions}, with the deployment name sent as {@code model} and no
 * {@code api-version} (when no API version is given);</li>
 * <li>the deployment URL, {@code {endpoint}/openai/deployments/{deployment}/chat/completions?api-version=…}, for
 * resources not on v1 (when an API version is given).</li>
 * </ul>
 * The endpoint is {@code https://{resource}.openai.azure.com}, or a full URL (a private endpoint, a gateway).
 *
 * @param endpoint   the resource's endpoint, without a trailing slash or {@code /openai}
 * @param deployment the deployment's name
 * @param apiVersion the API version of the deployment URL shape, or null for the v1 API
 */
public record AzureDeployment(URI endpoint, String deployment, String apiVersion) {

    /** An Azure resource name becomes the first label of a host name: letters, digits and inner hyphens. */
    private static final Pattern RESOURCE = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");
    /** Azure's deployment names: letters, digits, '-', '_' and '.', up to 64; they become one URL path segment. */
    private static final Pattern DEPLOYMENT = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}");
    /** Dated versions, GA or preview: {@code 2024-10-21}, {@code 2025-04-01-preview}. */
    private static final Pattern API_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(?:-preview)?");

    /**
     * Checks the options and builds the deployment's address; a wrong value fails with what to set.
     *
     * @param resource   the resource name, or null when baseUrl is given
     * @param baseUrl    the resource's endpoint URL, or null when resource is given
     * @param deployment the deployment name (else the model option, which is the deployment name on Azure)
     * @param apiVersion null or blank for the v1 API
     */
    public static AzureDeployment resolve(String resource, String baseUrl, String deployment, String apiVersion) {
        URI endpoint = endpoint(resource, baseUrl);
        if (deployment == null || deployment.isBlank()) {
            throw new IllegalArgumentException(
                    "no deployment: set the deployment option to the name of the model"
                                               + " deployment in your Azure OpenAI resource, e.g."
                                               + " deployment=gpt-5-mini");
        }
        require(DEPLOYMENT, deployment, "deployment '" + deployment + "' is not a valid deployment name: it becomes one"
                                        + " URL path segment, so use 1 to 64 letters, digits, '.', '_' and '-',"
                                        + " starting with a letter or digit (no '/', '?', '#' or spaces)");
        String version = apiVersion == null || apiVersion.isBlank() ? null : apiVersion.trim();
        if (version != null) {
            require(API_VERSION, version, "apiVersion '" + apiVersion + "' is not an Azure OpenAI API version: use a"
                                          + " dated one such as 2024-10-21 or 2025-04-01-preview, or leave it unset"
                                          + " for the v1 API");
        }
        return new AzureDeployment(endpoint, deployment, version);
    }

    private static URI endpoint(String resource, String baseUrl) {
        boolean hasResource = resource != null && !resource.isBlank();
        boolean hasBaseUrl = baseUrl != null && !baseUrl.isBlank();
        if (hasResource == hasBaseUrl) {
            throw new IllegalArgumentException(
                    hasResource
                            ? "both resource and baseUrl are set: set one, resource for https://{resource}.openai.azure.com"
                              + " or baseUrl for any other endpoint"
                            : "no Azure OpenAI resource: set resource to the resource's name (its endpoint is"
                              + " https://{resource}.openai.azure.com), or baseUrl to its full endpoint URL");
        }
        if (hasResource) {
            require(RESOURCE, resource, "resource '" + resource + "' is not a valid Azure resource name: it becomes"
                                        + " the host {resource}.openai.azure.com, so use up to 63 letters, digits and"
                                        + " inner hyphens (the name, not the URL: for a URL set baseUrl)");
            return URI.create("https://" + resource.toLowerCase(Locale.ROOT) + ".openai.azure.com");
        }
        URI uri;
        try {
            uri = URI.create(baseUrl.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("baseUrl '" + baseUrl + "' is not a URL: " + e.getMessage());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "baseUrl '" + baseUrl + "' must be an http:// or https:// URL with a"
                                               + " host, e.g. https://my-resource.openai.azure.com");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "baseUrl '" + baseUrl + "' must not carry a query or fragment: set"
                                               + " apiVersion for the api-version parameter");
        }
        // the endpoint as the portal shows it; a URL copied with /openai or /openai/v1 on its end means the same
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith("/openai/v1")) {
            path = path.substring(0, path.length() - "/openai/v1".length());
        } else if (lower.endsWith("/openai")) {
            path = path.substring(0, path.length() - "/openai".length());
        }
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path);
    }

    /** Fails with the problem, which says what the option must look like, when the value does not match. */
    private static void require(Pattern pattern, String value, String problem) {
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Whether calls use the v1 API (no API version given). */
    public boolean isV1() {
        return apiVersion == null;
    }

    /** The chat-completions URL of this deployment, in the shape the API version picks. */
    public URI completionsUri() {
        if (isV1()) {
            return URI.create(endpoint + "/openai/v1/chat/completions");
        }
        return URI.create(endpoint + "/openai/deployments/" + deployment + "/chat/completions?api-version="
                          + URLEncoder.encode(apiVersion, StandardCharsets.UTF_8));
    }

    /** The base URL in the OpenAI sense (what {@code /chat/completions} is appended to in the v1 shape). */
    public URI baseUri() {
        return URI.create(endpoint + (isV1() ? "/openai/v1" : "/openai/deployments/" + deployment));
    }
}

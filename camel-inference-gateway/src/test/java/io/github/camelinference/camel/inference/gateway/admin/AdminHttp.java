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
package io.github.camelinference.camel.inference.gateway.admin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The admin API and {@code /v1/usage} as a plain HTTP client calls them (the openai-java SDK has no admin calls). */
public final class AdminHttp {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One answer: its status and body. */
    public record Answer(int status, String body) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    private final String base;

    /** @param base e.g. {@code http://127.0.0.1:8081} */
    public AdminHttp(String base) {
        this.base = base;
    }

    public static AdminHttp management(int port) {
        return new AdminHttp("http://127.0.0.1:" + port);
    }

    public Answer call(String method, String path, String bearer, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, json == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    public Answer get(String path, String bearer) throws Exception {
        return call("GET", path, bearer, null);
    }

    /** Creates a tenant key and returns the answer's JSON (id, key); fails unless 201. */
    public JsonNode createKey(String tenant, String admin) throws Exception {
        Answer answer = call("POST", "/admin/tenants/" + tenant + "/keys", admin, null);
        if (answer.status() != 201) {
            throw new AssertionError("key not created: " + answer);
        }
        return answer.json();
    }

    public Answer revoke(String id, String admin) throws Exception {
        return call("DELETE", "/admin/keys/" + id, admin, null);
    }
}

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
package io.github.camelinference.camel.inference.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.message.BasicHeader;

/**
 * The provider's model list ({@code GET <baseUrl>/models}), asked for once in the background and kept: which model
 * shuts down when ({@code shutdown_date}, OpenAI's field). Nothing waits for it: until the list has arrived, and when
 * the provider has no list or refuses it, no date is known. Knows HTTP and JSON, nothing of Camel.
 */
public final class ModelCatalog {

    private final CompletableFuture<Map<String, LocalDate>> shutdownDates;

    private ModelCatalog(CompletableFuture<Map<String, LocalDate>> shutdownDates) {
        this.shutdownDates = shutdownDates;
    }

    /** Starts fetching the list; returns at once. */
    public static ModelCatalog fetch(ChatClient.Settings settings, CloseableHttpAsyncClient http, ObjectMapper mapper) {
        String base = settings.baseUri().toString();
        SimpleHttpRequest request = SimpleHttpRequest.create("GET",
                URI.create((base.endsWith("/") ? base : base + "/") + "models"));
        request.addHeader("Accept", "application/json");
        request.addHeader("User-Agent", "camel-inference");
        if (settings.apiKey() != null) {
            request.addHeader(new SecretHeader("Authorization", "Bearer " + settings.apiKey()));
        }
        settings.headers().forEach((name, value) -> request.addHeader(SecretHeader.isSecret(name)
                ? new SecretHeader(name, value) : new BasicHeader(name, value)));
        CompletableFuture<Map<String, LocalDate>> dates = new CompletableFuture<>();
        // bounded as an answer is: a provider whose list has no end must not fill the heap on the I/O thread
        BoundedResponseConsumer consumer = new BoundedResponseConsumer(settings.limits().maxResponseBytes());
        http.execute(SimpleRequestProducer.create(request), consumer, new FutureCallback<>() {
            @Override
            public void completed(SimpleHttpResponse response) {
                if (response == null) {
                    dates.completeExceptionally(consumer.failure());
                    return;
                }
                if (response.getCode() != 200) {
                    dates.completeExceptionally(new IllegalStateException(
                            "GET /models answered HTTP "
                                                                          + response.getCode()));
                    return;
                }
                try {
                    dates.complete(read(mapper.readTree(response.getBodyText() == null
                            ? new String(response.getBodyBytes(), StandardCharsets.UTF_8) : response.getBodyText())));
                } catch (Throwable e) {
                    dates.completeExceptionally(e); // an Error too: this is the I/O thread every call shares
                }
            }

            @Override
            public void failed(Exception failure) {
                dates.completeExceptionally(failure);
            }

            @Override
            public void cancelled() {
                dates.completeExceptionally(new IllegalStateException("GET /models was cancelled"));
            }
        });
        return new ModelCatalog(dates);
    }

    /** The shutdown dates by model id, from a {@code {"data":[{"id":…,"shutdown_date":"YYYY-MM-DD"}]}} list. */
    static Map<String, LocalDate> read(JsonNode list) {
        Map<String, LocalDate> dates = new LinkedHashMap<>();
        for (JsonNode model : list.path("data")) {
            JsonNode date = model.get("shutdown_date");
            if (model.hasNonNull("id") && date != null && date.isTextual()) {
                try {
                    dates.put(model.get("id").asText(), LocalDate.parse(date.asText().substring(0,
                            Math.min(10, date.asText().length()))));
                } catch (DateTimeParseException e) {
                    // a date we cannot read is no date: say nothing rather than something wrong
                }
            }
        }
        return Collections.unmodifiableMap(dates);
    }

    /** Completes once the list has arrived (or failed); for those who want to act on it, never to wait on it. */
    public CompletableFuture<Map<String, LocalDate>> whenLoaded() {
        return shutdownDates;
    }

    /** The model's shutdown date, or null when the list has not arrived, failed, or names none. */
    public LocalDate shutdownDate(String model) {
        if (!shutdownDates.isDone() || shutdownDates.isCompletedExceptionally()) {
            return null;
        }
        return shutdownDates.join().get(model);
    }

    /**
     * A warning when the model shuts down within {@code days} of {@code today} (or already has), else null.
     */
    public static String shutdownWarning(String model, LocalDate shutdown, LocalDate today, int days) {
        if (shutdown == null) {
            return null;
        }
        long left = ChronoUnit.DAYS.between(today, shutdown);
        if (left > days) {
            return null;
        }
        return "model " + model + (left < 0
                ? " was shut down on " + shutdown : " shuts down on " + shutdown
                                                    + (left == 0 ? " (today)" : " (in " + left + " days)"))
               + " according to the provider's model list; after that every call fails as model-not-found."
               + " Set the endpoint's model option (or camel.component.inference.model) to its replacement";
    }
}

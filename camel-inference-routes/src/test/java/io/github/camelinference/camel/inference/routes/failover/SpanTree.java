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
package io.github.camelinference.camel.inference.routes.failover;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;

/** A trace as an indented tree, as the docs show one: each span with the attributes that tell the story. */
final class SpanTree {

    /** The attributes printed, in this order, when a span has them. */
    private static final List<String> SHOWN = List.of("camel.inference.failover.target",
            "camel.inference.failover.retry", "camel.inference.failover.breaker.state",
            "camel.inference.failover.hedge", "camel.inference.failover.continuation",
            "camel.inference.failover.continue_mode", "camel.inference.failover.outcome", "gen_ai.provider.name",
            "gen_ai.request.model", "gen_ai.response.model", "gen_ai.request.stream",
            "gen_ai.response.finish_reasons", "gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens",
            "error.type");

    private SpanTree() {
    }

    /** The tree under {@code root}, children in the order they started. */
    static String render(SpanData root, List<SpanData> spans) {
        Map<String, List<SpanData>> children = spans.stream()
                .filter(s -> s.getTraceId().equals(root.getTraceId()))
                .collect(Collectors.groupingBy(SpanData::getParentSpanId));
        StringBuilder out = new StringBuilder();
        render(root, children, "", "", out);
        return out.toString();
    }

    private static void render(
            SpanData span, Map<String, List<SpanData>> children, String lead, String indent,
            StringBuilder out) {
        out.append(lead).append(span.getName()).append("  [").append(span.getKind()).append(']');
        for (String key : SHOWN) {
            Object value = span.getAttributes().get(AttributeKey.stringKey(key));
            if (value == null) {
                value = span.getAttributes().asMap().entrySet().stream()
                        .filter(e -> e.getKey().getKey().equals(key)).map(Map.Entry::getValue).findFirst()
                        .orElse(null);
            }
            if (value != null) {
                out.append(' ').append(key.replace("camel.inference.failover.", "")).append('=').append(value);
            }
        }
        out.append('\n');
        for (EventData event : span.getEvents()) {
            out.append(indent).append("   · event ").append(event.getName()).append('\n');
        }
        List<SpanData> kids = new ArrayList<>(children.getOrDefault(span.getSpanId(), List.of()));
        kids.sort(Comparator.comparingLong(SpanData::getStartEpochNanos));
        for (int i = 0; i < kids.size(); i++) {
            boolean last = i == kids.size() - 1;
            render(kids.get(i), children, indent + (last ? "└─ " : "├─ "), indent + (last ? "   " : "│  "), out);
        }
    }
}

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
package io.github.camelinference.examples.kafka;

import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.camelinference.camel.inference.routes.failover.FailoverConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * The Kafka headers of the pipeline's output records, set in one place. camel-kafka does not pass on headers whose
 * names start with {@code Camel} or {@code kafka.}, so the inference headers are copied under plain names, as text.
 * With an OpenTelemetry SDK, the prompt record's trace goes on through the call to the output record
 * ({@link RecordTracing}).
 */
public class AnswerRecords {

    /** Record header and key: {@code topic-partition-offset} of the prompt, the same on every redelivery. */
    public static final String IDEMPOTENCY_KEY = "idempotency-key";
    public static final String SOURCE_TOPIC = "source-topic";
    public static final String SOURCE_PARTITION = "source-partition";
    public static final String SOURCE_OFFSET = "source-offset";
    /** Record header: the prompt record's timestamp (ms since the epoch), for end-to-end latency downstream. */
    public static final String SOURCE_TIMESTAMP = "source-timestamp";
    public static final String PROVIDER = "inference-provider";
    public static final String MODEL = "inference-model";
    public static final String TARGET = "inference-target";
    public static final String PROMPT_TOKENS = "inference-prompt-tokens";
    public static final String COMPLETION_TOKENS = "inference-completion-tokens";
    public static final String TOTAL_TOKENS = "inference-total-tokens";
    public static final String COST = "inference-cost";
    public static final String LATENCY = "inference-latency-ms";
    public static final String ATTEMPTS = "inference-attempts";
    public static final String ERROR_CLASS = "error-class";
    public static final String ERROR_MESSAGE = "error-message";
    /** Record header: the pipeline instance that wrote the record ({@code pipeline.instance}). */
    public static final String INSTANCE = "pipeline-instance";

    private String instance;

    /** Before the call: the idempotency key (also the output record's key) and where the prompt came from. */
    public void source(Exchange exchange) {
        Message m = exchange.getMessage();
        String topic = m.getHeader(KafkaConstants.TOPIC, String.class);
        Integer partition = m.getHeader(KafkaConstants.PARTITION, Integer.class);
        Long offset = m.getHeader(KafkaConstants.OFFSET, Long.class);
        String key = BatchLedger.key(topic, partition, offset);
        // the prompt's own key would otherwise become the answer's key
        m.setHeader(KafkaConstants.KEY, key);
        m.setHeader(IDEMPOTENCY_KEY, key);
        m.setHeader(SOURCE_TOPIC, topic);
        m.setHeader(SOURCE_PARTITION, String.valueOf(partition));
        m.setHeader(SOURCE_OFFSET, String.valueOf(offset));
        Object timestamp = m.getHeader(KafkaConstants.TIMESTAMP);
        if (timestamp != null) {
            m.setHeader(SOURCE_TIMESTAMP, timestamp.toString());
        }
        if (instance != null) {
            m.setHeader(INSTANCE, instance);
        }
        RecordTracing.received(exchange, topic);
    }

    /** After the answer: who answered, usage, cost and latency. */
    public void answer(Exchange exchange) {
        Message m = exchange.getMessage();
        copy(m, InferenceConstants.PROVIDER, PROVIDER);
        copy(m, InferenceConstants.RESPONSE_MODEL, MODEL);
        copy(m, FailoverConstants.TARGET, TARGET);
        copy(m, InferenceConstants.PROMPT_TOKENS, PROMPT_TOKENS);
        copy(m, InferenceConstants.COMPLETION_TOKENS, COMPLETION_TOKENS);
        copy(m, InferenceConstants.TOTAL_TOKENS, TOTAL_TOKENS);
        copy(m, InferenceConstants.COST, COST);
        copy(m, InferenceConstants.LATENCY, LATENCY);
        copy(m, InferenceConstants.ATTEMPTS, ATTEMPTS);
        RecordTracing.writing(exchange, "answered");
    }

    /** A final failure: the prompt stays the body; the error's class and message say what went wrong. */
    public void deadLetter(Exchange exchange) {
        Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Message m = exchange.getMessage();
        if (error != null) {
            m.setHeader(ERROR_CLASS, error.getClass().getName());
            m.setHeader(ERROR_MESSAGE, error.getMessage() == null ? error.toString() : error.getMessage());
        }
        copy(m, InferenceConstants.ATTEMPTS, ATTEMPTS);
        RecordTracing.writing(exchange, "dead-letter");
    }

    private static void copy(Message m, String from, String to) {
        Object value = m.getHeader(from);
        if (value != null) {
            m.setHeader(to, value.toString());
        }
    }

    public String getInstance() {
        return instance;
    }

    /** The name of this instance, written on every output record (default: the host name). */
    public void setInstance(String instance) {
        this.instance = instance;
    }
}

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

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.camel.main.Main;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A prompt's trace across the broker: the pipeline continues the trace of the prompt record's {@code traceparent} and
 * writes its own span's on the answer record and on a dead letter. A real KRaft broker (in this JVM), the shipped YAML
 * routes, the simulators as providers.
 */
@Timeout(180)
class KafkaTracingTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PRODUCER_SPAN = "00f067aa0ba902b7";
    private static final String DLT_TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String DLT_PRODUCER_SPAN = "b7ad6b7169203331";

    @TempDir
    Path temp;

    private LocalKafka kafka;
    private ProviderSimulator openai;
    private ProviderSimulator huggingface;
    private Main main;
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();

    @BeforeEach
    void start() {
        kafka = LocalKafka.start(temp.resolve("kafka"));
        kafka.createTopics(1, "prompts", "answers", "prompts-dlt");
        openai = ProviderSimulator.start(Flavour.OPENAI).always(Reply.answer());
        huggingface = ProviderSimulator.start(Flavour.HUGGINGFACE).always(Reply.answer());
        main = new Main();
        main.addInitialProperty("kafka.brokers", kafka.bootstrapServers());
        main.addInitialProperty("openai.baseUrl", openai.baseUrl());
        main.addInitialProperty("openai.apiKey", "sk-simulated");
        main.addInitialProperty("openai.model", "gpt-5-mini");
        main.addInitialProperty("hf.baseUrl", huggingface.baseUrl());
        main.addInitialProperty("hf.apiKey", "hf_simulated");
        main.addInitialProperty("hf.model", "openai/gpt-oss-120b");
        main.bind("openTelemetry", sdk); // the component, and so the pipeline's spans, record here
    }

    @AfterEach
    void stop() throws Exception {
        if (main != null) {
            main.stop();
        }
        sdk.close();
        openai.close();
        huggingface.close();
        kafka.close();
    }

    @Test
    void thePromptsTraceGoesOnThroughTheCallToTheAnswerRecordAndToADeadLetter() throws Exception {
        main.start();
        try (PipelineOutputs outputs = new PipelineOutputs(kafka.bootstrapServers(), "answers", "prompts-dlt")) {
            send("Say hello", TRACE, PRODUCER_SPAN);
            assertEquals(1, outputs.readUntil(n -> n >= 1, Duration.ofSeconds(60)));
            String bad = "{\"error\":{\"message\":\"Invalid value for 'max_tokens'\",\"type\":\"invalid_request_error\"}}";
            openai.always(Reply.json(400, bad));
            huggingface.always(Reply.json(400, bad));
            send("Say goodbye", DLT_TRACE, DLT_PRODUCER_SPAN);
            assertEquals(2, outputs.readUntil(n -> n >= 2, Duration.ofSeconds(60)));

            PipelineOutputs.Outcome answer = outputs.outcomes().values().stream()
                    .filter(PipelineOutputs.Outcome::answered).findFirst().orElseThrow();
            PipelineOutputs.Outcome deadLetter = outputs.outcomes().values().stream()
                    .filter(o -> !o.answered()).findFirst().orElseThrow();

            SpanData record = await(s -> s.getName().equals("process prompts") && s.getTraceId().equals(TRACE));
            assertEquals(SpanKind.CONSUMER, record.getKind());
            assertEquals(PRODUCER_SPAN, record.getParentSpanId(), "the record's span continues the producer's");
            assertEquals("00-" + TRACE + "-" + record.getSpanId() + "-01", answer.headers().get("traceparent"),
                    "the answer record carries the trace on, from the pipeline's span");
            SpanData attempt = await(s -> s.getParentSpanId().equals(record.getSpanId()));
            assertTrue(attempt.getName().startsWith("failover attempt"), attempt.getName());
            SpanData call = await(s -> s.getParentSpanId().equals(attempt.getSpanId()));
            assertEquals("chat gpt-5-mini", call.getName());
            assertEquals("00-" + TRACE + "-" + call.getSpanId() + "-01", openai.requests().get(0).header("traceparent"));

            SpanData failed = await(s -> s.getName().equals("process prompts") && s.getTraceId().equals(DLT_TRACE));
            assertEquals(DLT_PRODUCER_SPAN, failed.getParentSpanId());
            assertEquals("dead-letter", failed.getAttributes().get(AttributeKey.stringKey("pipeline.outcome")));
            assertEquals("00-" + DLT_TRACE + "-" + failed.getSpanId() + "-01", deadLetter.headers().get("traceparent"),
                    "the dead letter carries the failed prompt's trace on");
            assertFalse(deadLetter.headers().get("traceparent").contains(DLT_PRODUCER_SPAN));
        }
    }

    private void send(String prompt, String trace, String span) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            ProducerRecord<String, String> record = new ProducerRecord<>("prompts", prompt, prompt);
            record.headers().add("traceparent", ("00-" + trace + "-" + span + "-01").getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }

    private SpanData await(Predicate<SpanData> match) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            List<SpanData> found = spans.getFinishedSpanItems().stream().filter(match).toList();
            if (!found.isEmpty()) {
                return found.get(0);
            }
            if (System.nanoTime() > deadline) {
                fail("no such span among " + spans.getFinishedSpanItems().stream().map(SpanData::getName).toList());
            }
            try {
                Thread.sleep(10); // spans end on the pipeline's threads
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}

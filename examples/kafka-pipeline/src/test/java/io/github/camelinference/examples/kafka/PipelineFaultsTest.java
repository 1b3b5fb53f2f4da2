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

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import io.github.camelinference.simulator.FaultMix;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import io.github.camelinference.simulator.junit.Simulator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipeline against real parts: a KRaft broker in its own JVM, pipeline instances in their own JVMs (one consumer
 * group), and the provider simulators in this one. Every wait has a generous deadline and ends as soon as what it waits
 * for is there; no assertion is about time.
 */
class PipelineFaultsTest {

    private static final int PARTITIONS = 6;
    private static final String BAD_REQUEST = "{\"error\":{\"message\":\"Invalid value for 'max_tokens': must be at"
                                              + " least 1.\",\"type\":\"invalid_request_error\",\"param\":"
                                              + "\"max_tokens\",\"code\":\"invalid_value\"}}";
    private static final String OVERLOADED = "{\"error\":{\"message\":\"The engine is currently overloaded, please try"
                                             + " again later\",\"type\":\"server_error\",\"code\":null}}";

    @TempDir
    static Path temp;

    private static PipelineProcesses processes;
    private static String brokers;
    // each test resets and scripts them, recording off: thousands of prompts need not be kept
    @Simulator(Flavour.OPENAI)
    private static ProviderSimulator openai;
    @Simulator(Flavour.HUGGINGFACE)
    private static ProviderSimulator huggingface;

    @BeforeAll
    static void startBroker() throws Exception {
        processes = new PipelineProcesses(Path.of("target", "pipeline-logs"));
        brokers = processes.startBroker(temp.resolve("kafka"));
    }

    @AfterAll
    static void stopAll() {
        if (processes != null) {
            processes.close();
        }
    }

    @AfterEach
    void stopInstances() {
        processes.stopInstances();
    }

    private static Reply quick() {
        return Reply.answer().delayedBetween(Duration.ofMillis(10), Duration.ofMillis(40)).paced(Duration.ofMillis(1));
    }

    @Test
    void killedInstanceLosesNoPromptUnderFaults() throws Exception {
        int prompts = 5000;
        openai.reset().recording(false).always(quick())
                .faults(FaultMix.seeded(1).rateLimited(0.05, Duration.ofSeconds(1)).serverErrors(0.05).cutStreams(0.04));
        huggingface.reset().recording(false).always(quick())
                .faults(FaultMix.seeded(2).rateLimited(0.05, Duration.ofSeconds(1)).serverErrors(0.05).cutStreams(0.04));
        Topics topics = topics("fault");
        KafkaPipeline.sendPrompts(brokers, topics.prompts, prompts, "Fault");
        long start = System.nanoTime();
        // two consumers per instance: a batch waits for its slowest prompt (a 429 asks for 1 s), so more batches at
        // once keep the run short
        Map<String, String> a = instance(topics, "A");
        a.put("pipeline.consumers", "2");
        Map<String, String> b = instance(topics, "B");
        b.put("pipeline.consumers", "2");
        Process instanceA = processes.startInstance("fault-A", a);
        processes.startInstance("fault-B", b);
        try (PipelineOutputs outputs = new PipelineOutputs(brokers, topics.answers, topics.deadLetters)) {
            // mid-run, with both instances answering
            outputs.readUntil(n -> n >= prompts * 3 / 10 && instancesSeen(outputs) == 2, Duration.ofMinutes(3));
            assertEquals(2, instancesSeen(outputs), "both instances should answer before one is killed");
            assertTrue(instanceA.isAlive(), "instance A should still run when it is killed; see target/pipeline-logs");
            int beforeKill = outputs.distinctKeys();
            PipelineProcesses.killHard(instanceA);
            outputs.readUntil(n -> n >= prompts, Duration.ofMinutes(4));
            // late duplicates of the last batches, if any, are counted too
            outputs.poll(Duration.ofSeconds(2));
            Set<String> expected = expectedKeys(topics.prompts);
            Map<String, PipelineOutputs.Outcome> outcomes = outputs.outcomes();
            Set<String> lost = new HashSet<>(expected);
            lost.removeAll(outcomes.keySet());
            System.out.printf("fault test: %d prompts, instance A killed after %d outcomes; %d answered, %d"
                              + " dead-lettered, %d output records, %d duplicates before dedup, %d keys with both an"
                              + " answer and a dead letter, %d lost, %d s%n",
                    prompts, beforeKill, outputs.answered(),
                    outputs.deadLettered(), outputs.records(), outputs.duplicates(), outputs.answeredAndDeadLettered(),
                    lost.size(), PipelineProcesses.since(start).toSeconds());
            assertEquals(prompts, expected.size(), "prompts on the topic");
            assertEquals(Set.of(), lost, "prompts without an answer or dead letter");
            assertEquals(expected, outcomes.keySet(), "one outcome per prompt, keyed by topic-partition-offset");
            for (PipelineOutputs.Outcome outcome : outcomes.values()) {
                if (!outcome.answered()) {
                    assertTrue(outcome.headers().containsKey(AnswerRecords.ERROR_CLASS), outcome.toString());
                }
            }
        }
    }

    @Test
    void consumersPauseWhileEveryTargetIsDownAndResumeAfter() throws Exception {
        int prompts = 2000;
        int maxInFlight = 50;
        openai.reset().recording(false).always(quick());
        huggingface.reset().recording(false).always(quick());
        Topics topics = topics("pause");
        Map<String, String> a = instance(topics, "A");
        a.put("pipeline.maxInFlight", String.valueOf(maxInFlight));
        Map<String, String> b = instance(topics, "B");
        b.put("pipeline.maxInFlight", String.valueOf(maxInFlight));
        processes.startInstance("pause-A", a);
        processes.startInstance("pause-B", b);
        KafkaPipeline.sendPrompts(brokers, topics.prompts, prompts / 2, "Before");
        try (PipelineOutputs outputs = new PipelineOutputs(brokers, topics.answers, topics.deadLetters)) {
            // both instances answering: the group has formed and each has its partitions
            outputs.readUntil(n -> instancesSeen(outputs) == 2, Duration.ofMinutes(3));
            assertEquals(2, instancesSeen(outputs), "both instances should answer before the outage");
            Duration outage = Duration.ofSeconds(20);
            openai.downFor(outage, Reply.json(503, OVERLOADED));
            huggingface.downFor(outage, Reply.json(503, OVERLOADED));
            long outageStart = System.nanoTime();
            int deadBefore = outputs.deadLettered();
            KafkaPipeline.sendPrompts(brokers, topics.prompts, prompts / 2, "During");
            assertTrue(PipelineProcesses.logContains(processes.log("pause-A"), "pausing the consumer", outage),
                    "instance A should pause while both targets are down");
            assertTrue(PipelineProcesses.logContains(processes.log("pause-B"), "pausing the consumer", outage),
                    "instance B should pause while both targets are down");
            outputs.readUntil(n -> PipelineProcesses.since(outageStart).compareTo(outage) >= 0, outage.plusSeconds(5));
            int deadDuringOutage = outputs.deadLettered() - deadBefore;
            outputs.readUntil(n -> n >= prompts, Duration.ofMinutes(3));
            Set<String> expected = expectedKeys(topics.prompts);
            System.out.printf("back-pressure test: %d prompts, both targets down %d s; pauses A %d, B %d; %d dead"
                              + " letters during the outage (bound %d in flight); %d answered, %d dead-lettered, %d"
                              + " duplicates%n",
                    prompts, outage.toSeconds(),
                    PipelineProcesses.count(processes.log("pause-A"), "pausing the consumer"),
                    PipelineProcesses.count(processes.log("pause-B"), "pausing the consumer"), deadDuringOutage,
                    2 * maxInFlight, outputs.answered(), outputs.deadLettered(), outputs.duplicates());
            assertTrue(deadDuringOutage <= 2 * maxInFlight, "dead letters during the outage: " + deadDuringOutage);
            assertEquals(expected, outputs.outcomes().keySet(), "every prompt answered after the outage");
            assertTrue(PipelineProcesses.count(processes.log("pause-A"), "resuming the consumer") > 0,
                    "instance A should resume");
        }
    }

    @Test
    void finalFailureGoesToTheDeadLetterTopicWithWhatWentWrong() throws Exception {
        openai.reset().recording(false).always(quick()).enqueue(Reply.json(400, BAD_REQUEST));
        huggingface.reset().recording(false).always(quick());
        Topics topics = topics("dlt");
        processes.startInstance("dlt-A", instance(topics, "A"));
        KafkaPipeline.sendPrompts(brokers, topics.prompts, 1, "Bad");
        try (PipelineOutputs outputs = new PipelineOutputs(brokers, topics.answers, topics.deadLetters)) {
            outputs.readUntil(n -> n >= 1, Duration.ofMinutes(2));
            PipelineOutputs.Outcome outcome = outputs.outcomes().values().iterator().next();
            assertEquals(false, outcome.answered(), outcome.toString());
            assertEquals("io.github.camelinference.camel.inference.error.InvalidRequestException",
                    outcome.headers().get(AnswerRecords.ERROR_CLASS));
            assertTrue(outcome.headers().get(AnswerRecords.ERROR_MESSAGE).contains("max_tokens"),
                    outcome.headers().get(AnswerRecords.ERROR_MESSAGE));
            assertTrue(outcome.body().startsWith("Bad 0:"), "the prompt is the dead letter's body: " + outcome.body());
            assertEquals(outcome.key(), outcome.headers().get(AnswerRecords.IDEMPOTENCY_KEY));
        }
    }

    private static int instancesSeen(PipelineOutputs outputs) {
        Set<String> seen = new HashSet<>();
        outputs.outcomes().values().forEach(o -> seen.add(o.headers().get(AnswerRecords.INSTANCE)));
        seen.remove(null);
        return seen.size();
    }

    /** Topics of one test. */
    private record Topics(String prompts, String answers, String deadLetters) {
    }

    private static Topics topics(String name) {
        Topics topics = new Topics(name + "-prompts", name + "-answers", name + "-dlt");
        LocalKafka.createTopics(brokers, PARTITIONS, topics.prompts, topics.answers, topics.deadLetters);
        return topics;
    }

    private static Map<String, String> instance(Topics topics, String name) {
        Map<String, String> p = new HashMap<>();
        p.put("kafka.brokers", brokers);
        p.put("openai.baseUrl", openai.baseUrl());
        p.put("hf.baseUrl", huggingface.baseUrl());
        p.put("pipeline.promptsTopic", topics.prompts);
        p.put("pipeline.answersTopic", topics.answers);
        p.put("pipeline.deadLetterTopic", topics.deadLetters);
        p.put("pipeline.groupId", topics.prompts + "-group");
        p.put("pipeline.instance", name);
        // a killed instance's partitions move after 8 s instead of 45
        p.put("pipeline.sessionTimeoutMs", "8000");
        p.put("pipeline.heartbeatIntervalMs", "2000");
        p.put("pipeline.pauseCheckInterval", "250");
        return p;
    }

    /** {@code topic-partition-offset} of every record on the prompt topic. */
    private static Set<String> expectedKeys(String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Set<String> keys = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(PartitionInfo::partition).map(p -> new TopicPartition(topic, p)).toList();
            consumer.endOffsets(partitions, Duration.ofSeconds(30)).forEach((tp, end) -> {
                for (long offset = 0; offset < end; offset++) {
                    keys.add(BatchLedger.key(topic, tp.partition(), offset));
                }
            });
        }
        return keys;
    }
}

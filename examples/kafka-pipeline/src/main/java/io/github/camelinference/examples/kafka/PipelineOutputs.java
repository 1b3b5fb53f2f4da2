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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what the pipeline wrote, answers and dead letters, from the start of both topics (no consumer group), and
 * deduplicates by idempotency key as a downstream consumer would: the first record of a key counts, later ones are
 * duplicates. For the offline run's summary, the tests and the benchmark.
 */
public final class PipelineOutputs implements AutoCloseable {

    /** The first output record of one prompt. */
    public record Outcome(String key, boolean answered, String body, Map<String, String> headers, long timestamp) {
    }

    private final KafkaConsumer<String, String> consumer;
    private final String answersTopic;
    private final Map<String, Outcome> firstByKey = new ConcurrentHashMap<>();
    private final Set<String> answeredKeys = ConcurrentHashMap.newKeySet();
    private final Set<String> deadLetteredKeys = ConcurrentHashMap.newKeySet();
    private long records;
    private long duplicates;

    public PipelineOutputs(String bootstrapServers, String answersTopic, String deadLetterTopic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        this.consumer = new KafkaConsumer<>(config);
        this.answersTopic = answersTopic;
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(answersTopic, deadLetterTopic)) {
            for (PartitionInfo info : partitionsOf(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** The topic's partitions; a topic created a moment ago may take a few metadata refreshes to show them. */
    private List<PartitionInfo> partitionsOf(String topic) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<PartitionInfo> found = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        while ((found == null || found.isEmpty()) && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            found = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        }
        if (found == null || found.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " has no partitions; create it before reading it");
        }
        return found;
    }

    /** Reads until {@code done} holds for the number of distinct keys seen, or the time is up; returns that number. */
    public int readUntil(IntPredicate done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(firstByKey.size()) && System.nanoTime() - deadline < 0) {
            poll(Duration.ofMillis(200));
        }
        return firstByKey.size();
    }

    /** One poll; returns how many records it brought. */
    public int poll(Duration timeout) {
        int count = 0;
        for (ConsumerRecord<String, String> record : consumer.poll(timeout)) {
            count++;
            records++;
            boolean answered = record.topic().equals(answersTopic);
            String key = record.key();
            (answered ? answeredKeys : deadLetteredKeys).add(key);
            Outcome first = new Outcome(key, answered, record.value(), headers(record), record.timestamp());
            if (firstByKey.putIfAbsent(key, first) != null) {
                duplicates++;
            }
        }
        return count;
    }

    private static Map<String, String> headers(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    /** Distinct keys with an answer or a dead letter. */
    public int distinctKeys() {
        return firstByKey.size();
    }

    /** Every output record read, duplicates included. */
    public long records() {
        return records;
    }

    /** Output records beyond the first of their key. */
    public long duplicates() {
        return duplicates;
    }

    public int answered() {
        return (int) firstByKey.values().stream().filter(Outcome::answered).count();
    }

    public int deadLettered() {
        return firstByKey.size() - answered();
    }

    /**
     * Keys that have both an answer and a dead letter (a redelivered prompt that ended differently the second time).
     */
    public int answeredAndDeadLettered() {
        int both = 0;
        for (String key : deadLetteredKeys) {
            if (answeredKeys.contains(key)) {
                both++;
            }
        }
        return both;
    }

    /** The first outcome of each key. */
    public Map<String, Outcome> outcomes() {
        return new HashMap<>(firstByKey);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}

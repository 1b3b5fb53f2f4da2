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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * What became of each record of one batch: built on the consumer thread before the records are called, marked by the
 * calls as they end (on any thread), read once the whole batch has ended.
 */
final class BatchLedger {

    /** Where a record stands. */
    enum Outcome {
        /** Called, not ended yet; still so at the end when its route failed without an answer or dead letter. */
        PENDING,
        /** Its answer or dead-letter record was acknowledged by the broker. */
        ACKNOWLEDGED,
        /** No target could take it (breakers open, rate limits); it is fetched again after the pause. */
        DEFERRED,
        /** Fetched before the consumer went back to an earlier offset of its partition; it will come again. */
        STALE
    }

    /** One record: its offset and outcome. */
    static final class Entry {
        final long offset;
        volatile Outcome outcome;

        Entry(long offset, Outcome outcome) {
            this.offset = offset;
            this.outcome = outcome;
        }
    }

    private final Consumer<?, ?> consumer;
    private final Map<TopicPartition, List<Entry>> partitions = new LinkedHashMap<>();
    private final Map<String, Entry> byKey = new ConcurrentHashMap<>();

    BatchLedger(Consumer<?, ?> consumer) {
        this.consumer = consumer;
    }

    /** The Kafka client that fetched the batch (for commits and seeks while its thread waits for the batch). */
    Consumer<?, ?> consumer() {
        return consumer;
    }

    /** Adds a record, in fetch order; only before the records are called. */
    void add(TopicPartition partition, long offset, Outcome outcome) {
        Entry entry = new Entry(offset, outcome);
        partitions.computeIfAbsent(partition, p -> new ArrayList<>()).add(entry);
        byKey.put(key(partition.topic(), partition.partition(), offset), entry);
    }

    /** Marks a record's outcome; unknown records (not of this batch) are ignored. */
    void mark(String topic, int partition, long offset, Outcome outcome) {
        Entry entry = byKey.get(key(topic, partition, offset));
        if (entry != null) {
            entry.outcome = outcome;
        }
    }

    Map<TopicPartition, List<Entry>> partitions() {
        return partitions;
    }

    /** Whether some record found no target to take it. */
    boolean anyDeferred() {
        return byKey.values().stream().anyMatch(e -> e.outcome == Outcome.DEFERRED);
    }

    /** The idempotency key of a record: {@code topic-partition-offset}. */
    static String key(String topic, int partition, long offset) {
        return topic + "-" + partition + "-" + offset;
    }
}

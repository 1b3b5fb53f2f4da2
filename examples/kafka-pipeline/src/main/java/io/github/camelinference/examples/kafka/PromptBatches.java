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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.camelinference.examples.kafka.BatchLedger.Entry;
import io.github.camelinference.examples.kafka.BatchLedger.Outcome;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommit;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's bookkeeping around one batch of prompt records (camel-kafka {@code batching=true} with
 * {@code allowManualCommit=true}): {@link #start} before the records are called, {@link #acknowledged} and
 * {@link #deferred} as each call ends, {@link #finish} once all have ended.
 * <p>
 * Offsets are committed per partition up to the first record that has no acknowledged answer or dead letter, never past
 * it; the client is sought back to that record, so it is fetched again, and the partition is held there: records of it
 * fetched before the seek took effect are not called and not committed. When a record found no target that could take
 * it, the consumer is paused ({@link BackPressure}) until one can.
 * <p>
 * camel-kafka calls the route for a batch on the consumer's own thread and waits for the whole batch, so {@link #start}
 * runs on that thread, and {@link #finish} runs while it waits: the Kafka client is never used by two threads at once.
 * The commit is asynchronous ({@code commitAsync}), so the thread that ends a batch never waits for the broker.
 */
public class PromptBatches {

    /** Exchange property holding the batch's {@link BatchLedger}, shared by the records the split sends on. */
    public static final String LEDGER = "PipelineBatchLedger";

    private static final Logger LOG = LoggerFactory.getLogger(PromptBatches.class);

    private BackPressure backPressure;
    /** Per partition, the offset it was sought back to; records fetched beyond it before the seek are stale. */
    private final Map<TopicPartition, Long> holds = new ConcurrentHashMap<>();
    /**
     * Per partition, offsets past its first open record whose answers the broker already acknowledged: fetched again
     * after the seek back, they are not called again (a second answer would cost a provider call, under a rate limit a
     * scarce one) and count as acknowledged. Dropped once committed past.
     */
    private final Map<TopicPartition, Set<Long>> answeredAhead = new ConcurrentHashMap<>();
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong redelivered = new AtomicLong();

    /**
     * The route's first step: records the batch in a ledger and returns the prompt messages to call now, in fetch
     * order. None when no target can take a call: the whole batch is deferred.
     */
    public List<Message> start(Exchange batch) {
        List<?> records = batch.getMessage().getBody(List.class);
        Consumer<?, ?> consumer = null;
        Map<TopicPartition, List<Exchange>> byPartition = new LinkedHashMap<>();
        for (Object item : records) {
            Exchange record = (Exchange) item;
            Message m = record.getMessage();
            byPartition.computeIfAbsent(new TopicPartition(
                    m.getHeader(KafkaConstants.TOPIC, String.class),
                    m.getHeader(KafkaConstants.PARTITION, Integer.class)), p -> new ArrayList<>()).add(record);
            if (consumer == null) {
                consumer = consumerOf(m);
            }
        }
        BatchLedger ledger = new BatchLedger(consumer);
        batch.setProperty(LEDGER, ledger);
        boolean admit = backPressure == null || backPressure.canTakeWork();
        List<Message> toCall = new ArrayList<>();
        for (Map.Entry<TopicPartition, List<Exchange>> partition : byPartition.entrySet()) {
            TopicPartition tp = partition.getKey();
            List<Exchange> kept = sinceLastRewind(partition.getValue());
            boolean stale = isStale(consumer, tp, offset(kept.get(0)));
            Set<Long> answered = answeredAhead.getOrDefault(tp, Set.of());
            for (Exchange record : kept) {
                Outcome outcome = stale ? Outcome.STALE
                        : answered.contains(offset(record)) ? Outcome.ACKNOWLEDGED
                        : admit ? Outcome.PENDING : Outcome.DEFERRED;
                ledger.add(tp, offset(record), outcome);
                if (outcome == Outcome.PENDING) {
                    toCall.add(record.getMessage().copy());
                }
            }
        }
        LOG.debug("Batch of {} records: {} to call (admit={})", records.size(), toCall.size(), admit);
        return toCall;
    }

    /**
     * The records of one partition from the last point where the offsets go back (a seek or a rebalance between two
     * polls of the same batch); those before it were fetched ahead and will be fetched again.
     */
    private static List<Exchange> sinceLastRewind(List<Exchange> records) {
        int from = 0;
        for (int i = 1; i < records.size(); i++) {
            if (offset(records.get(i)) <= offset(records.get(i - 1))) {
                from = i;
            }
        }
        return records.subList(from, records.size());
    }

    /**
     * Whether records of a held partition starting at this offset were fetched before its seek took effect. They are
     * not once the fetch is back at or before the held offset, or once the group's committed offset is past it (another
     * member processed the partition meanwhile).
     */
    private boolean isStale(Consumer<?, ?> consumer, TopicPartition tp, long firstOffset) {
        Long hold = holds.get(tp);
        if (hold == null) {
            return false;
        }
        if (firstOffset <= hold || committedBeyond(consumer, tp, hold)) {
            holds.remove(tp);
            return false;
        }
        return true;
    }

    private static boolean committedBeyond(Consumer<?, ?> consumer, TopicPartition tp, long offset) {
        try {
            OffsetAndMetadata committed = consumer.committed(Set.of(tp)).get(tp);
            return committed != null && committed.offset() > offset;
        } catch (KafkaException e) {
            return false; // stay held; the next batch asks again
        }
    }

    /** The call of this record ended with an answer or dead letter the broker acknowledged. */
    public void acknowledged(Exchange record) {
        mark(record, Outcome.ACKNOWLEDGED);
    }

    /** No target could take this record's call: it is not answered now and is fetched again after the pause. */
    public void deferred(Exchange record) {
        mark(record, Outcome.DEFERRED);
    }

    private static void mark(Exchange record, Outcome outcome) {
        BatchLedger ledger = record.getProperty(LEDGER, BatchLedger.class);
        Message m = record.getMessage();
        if (ledger != null) {
            ledger.mark(m.getHeader(KafkaConstants.TOPIC, String.class), m.getHeader(KafkaConstants.PARTITION,
                    Integer.class), m.getHeader(KafkaConstants.OFFSET, Long.class), outcome);
        }
    }

    /**
     * The route's last step, once every record of the batch has ended: commits what was acknowledged, seeks back to
     * what was not, and pauses the consumer when a record was deferred.
     */
    public void finish(Exchange batch) {
        BatchLedger ledger = batch.getProperty(LEDGER, BatchLedger.class);
        if (ledger == null || ledger.consumer() == null) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        Map<TopicPartition, Long> seeks = new HashMap<>();
        for (Map.Entry<TopicPartition, List<Entry>> partition : ledger.partitions().entrySet()) {
            long next = -1;
            Long firstOpen = null;
            for (Entry entry : partition.getValue()) {
                if (entry.outcome != Outcome.ACKNOWLEDGED) {
                    firstOpen = entry.offset;
                    break;
                }
                next = entry.offset + 1;
            }
            if (next >= 0) {
                commits.put(partition.getKey(), new OffsetAndMetadata(next));
                long committedUpTo = next;
                answeredAhead.computeIfPresent(partition.getKey(), (tp, offsets) -> {
                    offsets.removeIf(offset -> offset < committedUpTo);
                    return offsets.isEmpty() ? null : offsets;
                });
            }
            if (firstOpen != null) {
                seeks.put(partition.getKey(), holds.merge(partition.getKey(), firstOpen, Math::min));
                for (Entry entry : partition.getValue()) {
                    if (entry.offset > firstOpen && entry.outcome == Outcome.ACKNOWLEDGED) {
                        answeredAhead.computeIfAbsent(partition.getKey(), tp -> ConcurrentHashMap.newKeySet())
                                .add(entry.offset);
                    }
                }
            }
        }
        Consumer<?, ?> consumer = ledger.consumer();
        if (!commits.isEmpty()) {
            // why async: this runs on whichever thread ended the batch's last call (a failover worker, a producer
            // callback), which must not wait for the coordinator; the request leaves now, its answer is read by the
            // consumer's next poll. A commit that fails (a rebalance took the partitions, the coordinator moved) only
            // means those records are fetched again, and their answers carry the same idempotency key.
            try {
                consumer.commitAsync(commits, (offsets, error) -> {
                    if (error != null) {
                        LOG.warn("Committing {} failed ({}): those records will be delivered again", offsets,
                                error.toString());
                    } else {
                        committed.addAndGet(offsets.size());
                    }
                });
            } catch (KafkaException e) {
                LOG.warn("Committing {} failed ({}): those records will be delivered again", commits, e.toString());
            }
        }
        for (Map.Entry<TopicPartition, Long> seek : seeks.entrySet()) {
            try {
                consumer.seek(seek.getKey(), seek.getValue());
                redelivered.incrementAndGet();
            } catch (IllegalStateException notAssigned) {
                holds.remove(seek.getKey()); // no longer ours: its new owner starts from the committed offset
            }
        }
        if (!seeks.isEmpty()) {
            LOG.debug("Sought back to {} for records without an acknowledged outcome", seeks);
        }
        if (ledger.anyDeferred() && backPressure != null) {
            backPressure.pause();
        }
    }

    private static long offset(Exchange record) {
        return record.getMessage().getHeader(KafkaConstants.OFFSET, Long.class);
    }

    private static Consumer<?, ?> consumerOf(Message record) {
        KafkaManualCommit manual = record.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (manual instanceof DefaultKafkaManualCommit commit) {
            return commit.getCamelExchangePayload().consumer;
        }
        throw new IllegalStateException(
                "the prompt records carry no KafkaManualCommit: the consumer needs"
                                        + " batching=true&allowManualCommit=true&autoCommitEnable=false");
    }

    public BackPressure getBackPressure() {
        return backPressure;
    }

    /** Pauses the consumer when a record finds no target ({@code backPressure: "#bean:backPressure"}). */
    public void setBackPressure(BackPressure backPressure) {
        this.backPressure = backPressure;
    }

    /** How many partition offsets the broker confirmed as committed since the start. */
    public long getCommits() {
        return committed.get();
    }

    /** How many times a partition was sought back for records to fetch again. */
    public long getSeeksBack() {
        return redelivered.get();
    }
}

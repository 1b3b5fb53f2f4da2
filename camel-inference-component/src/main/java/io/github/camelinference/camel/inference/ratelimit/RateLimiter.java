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
package io.github.camelinference.camel.inference.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.camelinference.camel.inference.chat.Usage;
import io.github.camelinference.camel.inference.error.AccountRateLimitedException;
import io.github.camelinference.camel.inference.error.Failures;
import io.github.camelinference.camel.inference.error.RetryAfter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rate limits of one provider account: requests per minute and tokens per minute, each a Bucket4j token bucket in a
 * {@link RateLimitStore}, so every endpoint (and, with a shared store, every instance) naming the account draws on the
 * same two buckets.
 * <p>
 * <b>Shape of the buckets.</b> Each refills continuously ("greedy") at its per-minute rate R and holds at most one
 * second's worth, R/60 (at least 1). A bucket that held a whole minute would let a sliding minute see up to 2R: a full
 * bucket spent at once, then a minute of refill. With one second's burst any 60 s window admits at most R + R/60 (+1.7
 * %, and at most one extra call while R is under 60). The cost is that an idle account cannot spend a whole minute's
 * worth at once: a burst is spread over the minute instead.
 * <p>
 * <b>Reserve and settle.</b> {@link #acquire} takes one request and the call's token estimate (the prompt's upper bound
 * plus its output cap) before the call is sent; the {@link Permit} settles it afterwards: unused tokens are given back
 * ({@code addTokens}), tokens used beyond the estimate are taken ({@code consumeIgnoringRateLimits}). A call larger
 * than the token bucket's capacity takes a full bucket atomically and the rest as debt, which later calls wait off; so
 * over any minute the tokens admitted pass the limit by at most one call's estimate plus one second's burst.
 * <p>
 * <b>Waiting.</b> With {@code maxWait} zero a call that does not fit fails at once with
 * {@link AccountRateLimitedException}; otherwise the tokens are reserved ahead in the bucket and the call goes when
 * they are due, on the given scheduler: a timer, no parked thread.
 * <p>
 * <b>Learning.</b> {@link #learn} reads the provider's {@code x-ratelimit-remaining-*} and {@code x-ratelimit-reset-*}
 * headers: when the provider has fewer left than our bucket holds (its limit is shared with callers we do not see, or
 * is lower than ours), our bucket is drained to one less than the provider has, and with nothing left, so far that its
 * next token comes no sooner than the provider said it resets. The margin of one token is what keeps a limiter set to
 * exactly the provider's limit free of 429s: the provider counts arrivals, ours counts sends a few milliseconds
 * earlier, and the two windows never line up to the millisecond.
 */
public final class RateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);

    /** The name of the requests limit in errors. */
    public static final String REQUESTS = "requests per minute";
    /** The name of the tokens limit in errors. */
    public static final String TOKENS = "tokens per minute";

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final String provider;
    private final String account;
    private final Limit requests;
    private final Limit tokens;
    private final ScheduledExecutorService timers;
    /** Until when (System.nanoTime) this instance last saw a limit of the account used up. */
    private volatile long limitedUntilNanos = System.nanoTime();

    /** One limit: its name, its value per minute, its bucket's capacity, and the bucket. */
    private record Limit(String name, long perMinute, long capacity, RateLimitBucket bucket) {
    }

    /**
     * @param requestsPerMinute 0 for no requests limit
     * @param tokensPerMinute   0 for no tokens limit
     * @param timers            where waits are scheduled
     */
    public RateLimiter(RateLimitStore store, String provider, String account, long requestsPerMinute,
                       long tokensPerMinute, ScheduledExecutorService timers) {
        this.provider = provider;
        this.account = account;
        this.timers = timers;
        this.requests = limit(store, REQUESTS, "rpm", requestsPerMinute);
        this.tokens = limit(store, TOKENS, "tpm", tokensPerMinute);
    }

    private Limit limit(RateLimitStore store, String name, String unit, long perMinute) {
        if (perMinute <= 0) {
            return null;
        }
        long capacity = capacity(perMinute);
        // why the limit is in the key: instances configured differently get buckets of their own instead of silently
        // sharing the one created first
        return new Limit(
                name, perMinute, capacity,
                store.bucket(account + ":" + unit + "=" + perMinute, configuration(perMinute)));
    }

    /** One second's worth of a per-minute limit, at least 1: the most a bucket holds. */
    public static long capacity(long perMinute) {
        return Math.max(1, perMinute / 60);
    }

    /** A bucket refilled continuously at perMinute per minute, holding one second's worth, starting full. */
    public static BucketConfiguration configuration(long perMinute) {
        long capacity = capacity(perMinute);
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(perMinute, Duration.ofMinutes(1))
                        .initialTokens(capacity).build())
                .build();
    }

    public String account() {
        return account;
    }

    /** Whether the tokens limit is set (calls then need a token estimate). */
    public boolean limitsTokens() {
        return tokens != null;
    }

    /**
     * Whether this instance last saw the account's limit used up and not yet free again: a cheap, local answer (no
     * store access) for consumers that pause, such as a failover step's {@code canTakeCall()}.
     */
    public boolean isLimited() {
        return System.nanoTime() - limitedUntilNanos < 0;
    }

    private void limitedUntil(long nanos) {
        if (nanos - limitedUntilNanos > 0) {
            limitedUntilNanos = nanos;
        }
    }

    /**
     * Takes one request and {@code callTokens} tokens for a call about to be sent, waiting at most {@code maxWait} on
     * the timer when they are not there now. A caller that gives up while it waits completes (or cancels) the returned
     * future itself: the permit is then given back as soon as it is granted.
     *
     * @return the permit to settle once the call ends; it fails with {@link AccountRateLimitedException} when the call
     *         does not fit within maxWait
     */
    public CompletableFuture<Permit> acquire(long callTokens, Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        long wanted = tokens == null ? 0 : Math.max(1, callTokens);
        CompletableFuture<Permit> permit = new CompletableFuture<>();
        CompletableFuture<Void> request = requests == null ? DONE : take(requests, 1, deadline);
        request.whenComplete((took, refused) -> {
            if (refused != null) {
                permit.completeExceptionally(Failures.unwrap(refused));
                return;
            }
            if (tokens == null) {
                grant(permit, new Permit(requests != null, 0));
                return;
            }
            take(tokens, wanted, deadline).whenComplete((done, failure) -> {
                if (failure == null) {
                    grant(permit, new Permit(requests != null, wanted));
                    return;
                }
                if (requests != null) {
                    quietly(requests.bucket().addTokens(1), "give back the request"); // the call is not sent
                }
                permit.completeExceptionally(Failures.unwrap(failure));
            });
        });
        return permit;
    }

    /** Hands the permit to its caller; one whose caller gave up while it waited goes back at once. */
    private static void grant(CompletableFuture<Permit> waiting, Permit permit) {
        if (!waiting.complete(permit)) {
            permit.release();
        }
    }

    /** Takes n tokens of a limit: at most a full bucket atomically (waiting for it if allowed), the rest as debt. */
    private CompletableFuture<Void> take(Limit limit, long n, long deadlineNanos) {
        long gate = Math.min(n, limit.capacity());
        return limit.bucket().tryConsumeAndReturnRemaining(gate).thenCompose(probe -> {
            if (probe.isConsumed()) {
                return debt(limit, n - gate);
            }
            long wait = probe.getNanosToWaitForRefill();
            long now = System.nanoTime();
            limitedUntil(now + wait);
            long left = deadlineNanos - now;
            if (wait > left) {
                return CompletableFuture.failedFuture(reached(limit, wait));
            }
            return limit.bucket().tryConsume(gate, Duration.ofNanos(left), timers).thenCompose(
                    reserved -> reserved ? debt(limit, n - gate) : CompletableFuture.failedFuture(reached(limit, wait)));
        });
    }

    private static CompletableFuture<Void> debt(Limit limit, long rest) {
        return rest <= 0 ? DONE : limit.bucket().consumeIgnoringRateLimits(rest).thenApply(left -> null);
    }

    private AccountRateLimitedException reached(Limit limit, long waitNanos) {
        // rounded up to whole ms: a Retry-After of 0 would invite an immediate retry that fails again
        return new AccountRateLimitedException(
                provider, account, limit.name(), limit.perMinute(),
                Duration.ofMillis(Math.max(1, (waitNanos + 999_999) / 1_000_000)));
    }

    /**
     * Learns from a provider's response headers (any response, 429s included): where the provider has fewer requests or
     * tokens left than our bucket holds, drains ours to match. Never blocks: the store's operations complete later, and
     * the returned future with them (nothing needs to wait for it).
     */
    public CompletableFuture<Void> learn(Function<String, String> header) {
        return CompletableFuture.allOf(
                learn(requests, header.apply(RateLimitHeaders.REMAINING_REQUESTS),
                        header.apply(RateLimitHeaders.RESET_REQUESTS), header),
                learn(tokens, header.apply(RateLimitHeaders.REMAINING_TOKENS),
                        header.apply(RateLimitHeaders.RESET_TOKENS), header));
    }

    private CompletableFuture<Void> learn(
            Limit limit, String remainingHeader, String resetHeader,
            Function<String, String> header) {
        Long remaining = limit == null ? null : RateLimitHeaders.count(remainingHeader);
        if (remaining == null || remaining >= limit.capacity()) {
            return DONE; // our bucket never holds more than its capacity: nothing to drain, and no store access
        }
        // why one token less than the provider has: a bucket reads back whole tokens but refills continuously, so one
        // that reads n may hold almost n + 1; draining to n - 1 never lets more through than the provider has left
        long target = remaining - 1;
        Duration reset = RateLimitHeaders.duration(resetHeader);
        if (remaining <= 0 && reset == null) {
            // Azure OpenAI sends the remaining counts without reset times; its 429 says when in retry-after(-ms)
            reset = RetryAfter.parse(header, Clock.systemUTC());
        }
        if (remaining <= 0 && reset != null) {
            // so far below zero that refilling at our rate brings the next whole token no sooner than the reset
            target = -(long) Math.ceil(reset.toNanos() * (double) limit.perMinute() / 60e9);
            limitedUntil(System.nanoTime() + reset.toNanos());
        }
        long floor = target;
        return quietly(limit.bucket().getAvailableTokens().thenCompose(available -> available > floor
                ? limit.bucket().consumeIgnoringRateLimits(available - floor).thenApply(left -> null) : DONE),
                "drain the bucket to the provider's remaining " + limit.name());
    }

    /** Logs a store operation that failed (it never fails the call); the returned future completes when it ends. */
    private CompletableFuture<Void> quietly(CompletableFuture<?> operation, String what) {
        return operation.handle((result, failure) -> {
            if (failure != null) {
                LOG.warn("rate limiter of account '{}' could not {}: {}", account, what,
                        Failures.unwrap(failure).toString());
            }
            return null;
        });
    }

    /** What one call took from the account's limits; settled exactly once. */
    public final class Permit {
        private final boolean request;
        private final long reservedTokens;
        private final AtomicBoolean settled = new AtomicBoolean();

        Permit(boolean request, long reservedTokens) {
            this.request = request;
            this.reservedTokens = reservedTokens;
        }

        /**
         * The tokens reserved for the call: its prompt's upper bound plus its output cap (0 without a tokens limit).
         */
        public long reservedTokens() {
            return reservedTokens;
        }

        /**
         * The call answered: the tokens limit is charged what it used (total tokens, else prompt plus completion),
         * giving back the rest of the reservation or taking what it used beyond it. Without usage the reservation
         * stands. The future completes when the store has the change (nothing needs to wait for it).
         */
        public CompletableFuture<Void> settle(Usage usage) {
            if (!settled.compareAndSet(false, true) || tokens == null) {
                return DONE;
            }
            Long used = usage == null ? null : usage.totalTokens() != null ? Long.valueOf(usage.totalTokens())
                    : usage.promptTokens() != null && usage.completionTokens() != null
                            ? Long.valueOf(usage.promptTokens() + usage.completionTokens())
                    : null;
            if (used == null) {
                return DONE;
            }
            long unused = reservedTokens - used;
            if (unused > 0) {
                return quietly(tokens.bucket().addTokens(unused), "give back unused tokens");
            }
            if (unused < 0) {
                return quietly(tokens.bucket().consumeIgnoringRateLimits(-unused), "take tokens used beyond the estimate");
            }
            return DONE;
        }

        /** The provider refused the call (an HTTP error): it generated nothing, so the tokens go back. */
        public CompletableFuture<Void> refused() {
            if (settled.compareAndSet(false, true) && tokens != null) {
                return quietly(tokens.bucket().addTokens(reservedTokens), "give back the tokens of a refused call");
            }
            return DONE;
        }

        /** The call's fate is unknown (a timeout, a stream cut): the reservation stands. */
        public void keep() {
            settled.set(true);
        }

        /** The call was never sent: the request and the tokens go back. */
        public CompletableFuture<Void> release() {
            if (!settled.compareAndSet(false, true)) {
                return DONE;
            }
            CompletableFuture<Void> request = !this.request
                    ? DONE
                    : quietly(requests.bucket().addTokens(1), "give back the request of an unsent call");
            CompletableFuture<Void> tokensBack = tokens == null
                    ? DONE
                    : quietly(tokens.bucket().addTokens(reservedTokens), "give back the tokens of an unsent call");
            return CompletableFuture.allOf(request, tokensBack);
        }
    }
}

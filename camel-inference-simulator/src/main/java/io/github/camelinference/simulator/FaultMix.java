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
package io.github.camelinference.simulator;

import java.time.Duration;
import java.util.Random;

/**
 * A seeded random mix of faults, drawn per request, for fault and soak tests: rate limits (429 with
 * {@code Retry-After}), server errors (500, 502, 503 in turn) and streams cut mid-way, the rest answered normally. The
 * same seed gives the same sequence of draws; which request gets which draw still depends on arrival order.
 *
 * <pre>{@code
 * sim.faults(FaultMix.seeded(42).rateLimited(0.10, Duration.ofSeconds(1)).serverErrors(0.05).cutStreams(0.05));
 * }</pre>
 *
 * A cut stream sends its first chunks and then resets the connection; a request that did not ask for a stream has its
 * connection reset before any response instead. Scripted replies ({@code enqueue}, {@code onModel}) and a
 * {@code downFor} outage come first; the mix applies to the requests the standing reply would answer.
 */
public final class FaultMix {

    private static final String RATE_LIMITED = "{\"error\":{\"message\":\"Rate limit reached for requests. Please try"
                                               + " again later.\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}";
    private static final String SERVER_ERROR = "{\"error\":{\"message\":\"The server had an error while processing your"
                                               + " request.\",\"type\":\"server_error\",\"code\":null}}";
    private static final int[] SERVER_STATUSES = { 500, 502, 503 };

    private final Random random;
    private double rateLimited;
    private long retryAfterSeconds = 1;
    private double serverErrors;
    private double cutStreams;
    private int serverErrorTurn;

    private FaultMix(long seed) {
        this.random = new Random(seed);
    }

    /** An empty mix (every request answered) whose draws follow the given seed. */
    public static FaultMix seeded(long seed) {
        return new FaultMix(seed);
    }

    /** This share of requests (0 to 1) gets a 429 asking to wait {@code retryAfter} (whole seconds, at least 1). */
    public FaultMix rateLimited(double share, Duration retryAfter) {
        this.rateLimited = checked(share);
        this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
        return this;
    }

    /** This share of requests gets a 5xx (500, 502, 503 in turn) with an OpenAI-style error body. */
    public FaultMix serverErrors(double share) {
        this.serverErrors = checked(share);
        return this;
    }

    /** This share of streamed requests is cut after one to three chunks (non-streamed ones are reset). */
    public FaultMix cutStreams(double share) {
        this.cutStreams = checked(share);
        return this;
    }

    private double checked(double share) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("a share must be between 0 and 1, was " + share);
        }
        if (rateLimited + serverErrors + cutStreams + share > 1.000001) {
            throw new IllegalArgumentException("the shares of a fault mix add up to more than 1");
        }
        return share;
    }

    /** The reply for one request: a fault, or {@code normal} when the draw falls outside every fault's share. */
    synchronized Reply draw(Reply normal, boolean streamed) {
        double draw = random.nextDouble();
        if (draw < rateLimited) {
            return Reply.json(429, RATE_LIMITED).withHeader("retry-after", String.valueOf(retryAfterSeconds));
        }
        draw -= rateLimited;
        if (draw < serverErrors) {
            int status = SERVER_STATUSES[serverErrorTurn++ % SERVER_STATUSES.length];
            return Reply.json(status, SERVER_ERROR);
        }
        draw -= serverErrors;
        if (draw < cutStreams) {
            return streamed ? normal.cutAfterChunks(1 + random.nextInt(3)) : Reply.reset();
        }
        return normal;
    }

    @Override
    public String toString() {
        return "FaultMix[429=" + rateLimited + " (Retry-After " + retryAfterSeconds + " s), 5xx=" + serverErrors
               + ", cut=" + cutStreams + "]";
    }
}

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

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.local.LocalBucketBuilder;

/**
 * Buckets kept in this JVM only: the endpoints of one component share an account's limits, but each service instance
 * has its own, so N instances together may send N times the limit. Bucket4j's local buckets are lock-free.
 */
public class InMemoryRateLimitStore implements RateLimitStore {

    private final Map<String, RateLimitBucket> buckets = new ConcurrentHashMap<>();

    @Override
    public RateLimitBucket bucket(String key, BucketConfiguration configuration) {
        return buckets.computeIfAbsent(key, k -> {
            LocalBucketBuilder builder = Bucket.builder().withNanosecondPrecision();
            for (Bandwidth bandwidth : configuration.getBandwidths()) {
                builder.addLimit(bandwidth);
            }
            return RateLimitBucket.of(builder.build());
        });
    }
}

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

import io.github.bucket4j.BucketConfiguration;

/**
 * Where the token buckets of the rate limits are kept, by key. In memory by default ({@link InMemoryRateLimitStore},
 * one set of buckets per component); a shared store (the Redis one in {@code camel-inference-budget-redis}) lets every
 * instance of a service draw on one set, so N instances together stay under a provider account's limits.
 * <p>
 * A store hands out a {@link RateLimitBucket} per key: created with the given configuration the first time the key is
 * asked for (a bucket that exists keeps its own), atomic per bucket, and never blocking the caller on the network.
 */
public interface RateLimitStore {

    /** The bucket under this key, created with this configuration when it does not exist yet. */
    RateLimitBucket bucket(String key, BucketConfiguration configuration);
}

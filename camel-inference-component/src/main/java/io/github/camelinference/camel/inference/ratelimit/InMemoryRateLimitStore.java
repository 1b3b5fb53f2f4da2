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

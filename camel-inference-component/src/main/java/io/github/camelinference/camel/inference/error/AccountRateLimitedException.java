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
package io.github.camelinference.camel.inference.error;

import java.time.Duration;

/**
 * The endpoint's own rate limiter refused the call before it was sent: the provider account's requests or tokens per
 * minute, counted across every endpoint and instance that share the account, are used up for now. The provider was not
 * called, so its breaker learns nothing from this: a failover step moves straight to its next target, and
 * {@link #getRetryAfter()} says when the account has room again.
 */
public class AccountRateLimitedException extends RateLimitedException {

    private final String account;
    private final String limit;
    private final long perMinute;

    public AccountRateLimitedException(String provider, String account, String limit, long perMinute,
                                       Duration retryAfter) {
        super(new ErrorDetails(
                provider, 0, "rate_limiter", "client_rate_limit", "the rate limit of provider account '"
                                                                  + account + "' is reached: " + perMinute + " " + limit
                                                                  + " (this service's own limiter, shared by"
                                                                  + " every endpoint and instance naming the account); the call was not sent and fits again in "
                                                                  + retryAfter.toMillis()
                                                                  + " ms. Set rateLimitMaxWait to wait that long instead of failing.",
                null,
                retryAfter),
              null);
        this.account = account;
        this.limit = limit;
        this.perMinute = perMinute;
    }

    @Override
    public boolean isClientSide() {
        return true;
    }

    /** The account's name (the endpoint's rateLimitAccount). */
    public String getAccount() {
        return account;
    }

    /** Which limit is reached: {@code requests per minute} or {@code tokens per minute}. */
    public String getLimit() {
        return limit;
    }

    /** The limit's value. */
    public long getPerMinute() {
        return perMinute;
    }
}

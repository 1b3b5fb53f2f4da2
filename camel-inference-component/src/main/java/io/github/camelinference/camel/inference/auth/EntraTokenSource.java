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
package io.github.camelinference.camel.inference.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.DefaultAzureCredentialBuilder;
import io.github.camelinference.camel.inference.error.ErrorDetails;
import io.github.camelinference.camel.inference.error.ErrorKind;
import io.github.camelinference.camel.inference.error.Excerpt;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.http.CallAuth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * Microsoft Entra ID access tokens for Azure OpenAI, from an azure-identity {@link TokenCredential}, sent as
 * {@code Authorization: Bearer <token>}. One token is held and shared by every call; it is fetched again ahead of its
 * expiry on a timer, so calls find it at hand.
 * <p>
 * Threads: the credential is only ever asked on the refresher thread (never on a route thread or an HttpClient I/O
 * thread), and what it hands back is taken over there too, so the calls that waited for the first token are sent from
 * the refresher without blocking it. No thread waits for a token: a call that comes before it chains its send on the
 * fetch. A fetch that gives nothing within the fetch timeout (on the component's timer thread) fails the calls waiting
 * on it with an AuthenticationException, and the next call asks again.
 * <p>
 * The token is never logged, put in a message or printed by {@code toString()}.
 * <p>
 * This is the only package that references com.azure classes: it is loaded only when an endpoint uses Entra ID, so the
 * component runs without azure-identity on the classpath for every other provider.
 */
public final class EntraTokenSource implements CallAuth {

    private static final Logger LOG = LoggerFactory.getLogger(EntraTokenSource.class);
    /** Azure OpenAI's scope: Cognitive Services. */
    public static final String DEFAULT_SCOPE = "https://cognitiveservices.azure.com/.default";
    /** The most ahead of expiry a token is refreshed (azure-core's own policy refreshes 5 minutes ahead). */
    private static final Duration MAX_REFRESH_AHEAD = Duration.ofMinutes(5);
    /** A token this close to its expiry is no longer sent; a call waits for the next one instead. */
    private static final Duration MAX_EXPIRY_MARGIN = Duration.ofSeconds(30);
    /** The longest wait before asking again after a background refresh failed. */
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);
    /**
     * How long calls that find no token fail at once with the last fetch's error instead of asking again: a broken
     * credential under load is asked once a second, not once per call.
     */
    private static final Duration FAILURE_HOLD = Duration.ofSeconds(1);

    /** The token held, when it stops being sent, and when it is fetched again; toString shows no token. */
    private record Held(CompletableFuture<Credential> credential, String token, Instant expiresAt,
            Instant usableUntil, Instant refreshAt) {
        @Override
        public String toString() {
            return "Held[expiresAt=" + expiresAt + "]";
        }
    }

    private final String provider;
    private final TokenCredential credential;
    private final TokenRequestContext request;
    private final String scope;
    private final Duration fetchTimeout;
    private final ScheduledExecutorService refresher;
    private final ScheduledExecutorService timers;
    private final Clock clock;

    private volatile Held held;
    private volatile String lastFailure;
    /** The last fetch's failure, and until when calls get it without asking again. */
    private volatile CompletableFuture<Credential> failure;
    private volatile Instant failureHeldUntil = Instant.MIN;
    /** The fetch in progress, or null; guarded by this. */
    private CompletableFuture<Held> fetching;
    /** The timer of the next refresh or retry; guarded by this. */
    private ScheduledFuture<?> nextFetch;
    private volatile boolean stopped;

    /**
     * @param provider   the endpoint's provider name, for messages
     * @param credential a {@code TokenCredential}, or null for {@code DefaultAzureCredential}
     * @param refresher  the one thread that asks the credential and hands out its tokens
     * @param timers     where fetch timeouts run (never blocked by a credential)
     */
    EntraTokenSource(String provider, Object credential, String scope, Duration fetchTimeout,
                     ScheduledExecutorService refresher, ScheduledExecutorService timers, Clock clock) {
        this.provider = provider;
        this.credential = credential == null ? new DefaultAzureCredentialBuilder().build() : (TokenCredential) credential;
        this.scope = scope;
        this.request = new TokenRequestContext().addScopes(scope);
        this.fetchTimeout = fetchTimeout;
        this.refresher = refresher;
        this.timers = timers;
        this.clock = clock;
    }

    /**
     * Null when the object can serve as the credential option, else what is wrong with it. Only called with
     * azure-identity on the classpath.
     */
    public static String checkCredential(Object credential) {
        if (credential == null || credential instanceof TokenCredential) {
            return null;
        }
        return "credential must be a com.azure.core.credential.TokenCredential bean (credential=#name), e.g. a"
               + " ClientSecretCredential or ManagedIdentityCredential from azure-identity, not a "
               + credential.getClass().getName();
    }

    /**
     * A token source that starts fetching its first token now, so the first call most likely finds it at hand.
     *
     * @param credential a {@code TokenCredential} ({@link #checkCredential} said so), or null for
     *                   {@code DefaultAzureCredential}
     */
    public static CallAuth start(
            String provider, Object credential, String scope, Duration fetchTimeout,
            ScheduledExecutorService refresher, ScheduledExecutorService timers) {
        EntraTokenSource source = new EntraTokenSource(
                provider, credential, scope, fetchTimeout, refresher, timers,
                Clock.systemUTC());
        source.fetch();
        return source;
    }

    /** Stops the timer; calls still waiting for a token fail. */
    @Override
    public void stop() {
        stopped = true;
        CompletableFuture<Held> pending;
        synchronized (this) {
            cancelNextFetch();
            pending = fetching;
            fetching = null;
        }
        if (pending != null) {
            pending.completeExceptionally(error("the component stopped while a Microsoft Entra ID token was being"
                                                + " fetched"));
        }
    }

    @Override
    public CompletableFuture<Credential> credential() {
        Held now = held;
        Instant instant = clock.instant();
        if (now != null && instant.isBefore(now.usableUntil())) {
            return now.credential(); // the common case: no allocation, no lock
        }
        CompletableFuture<Credential> failed = failure;
        if (failed != null && instant.isBefore(failureHeldUntil)) {
            return failed;
        }
        return fetch().thenCompose(Held::credential);
    }

    @Override
    public CompletableFuture<Credential> renewAfterRejection(Credential rejected) {
        synchronized (this) {
            Held now = held;
            if (now != null && rejected != null && now.credential().join().value().equals(rejected.value())) {
                held = null; // refused: the next call, and this one's resend, wait for a new token
                cancelNextFetch();
            }
        }
        return credential();
    }

    @Override
    public String redact(String text) {
        Held now = held;
        return text == null || now == null ? text : text.replace(now.token(), "****");
    }

    @Override
    public TokenStatus tokenStatus() {
        Held now = held;
        return new TokenStatus(
                now != null && clock.instant().isBefore(now.expiresAt()),
                now == null ? null : now.expiresAt(), lastFailure);
    }

    /** The fetch in progress, or a new one started on the refresher thread. */
    private synchronized CompletableFuture<Held> fetch() {
        if (fetching != null) {
            return fetching;
        }
        CompletableFuture<Held> fetch = new CompletableFuture<>();
        if (stopped) {
            fetch.completeExceptionally(error("the component is stopped: no Microsoft Entra ID token is fetched"));
            return fetch;
        }
        fetching = fetch;
        cancelNextFetch();
        ScheduledFuture<?> timeout = timers.schedule(() -> failed(fetch, null, "no token from "
                                                                               + credentialName() + " within "
                                                                               + fetchTimeout.toMillis()
                                                                               + " ms (tokenFetchTimeout): check its"
                                                                               + " configuration, and that Microsoft Entra ID (or the managed identity endpoint) is reachable"),
                fetchTimeout.toMillis(), TimeUnit.MILLISECONDS);
        fetch.whenComplete((token, failure) -> timeout.cancel(false));
        refresher.execute(() -> ask(fetch));
        return fetch;
    }

    /** Asks the credential, on the refresher thread; what it answers is taken over on that thread too. */
    private void ask(CompletableFuture<Held> fetch) {
        if (fetch.isDone()) {
            return;
        }
        LOG.debug("{}: asking {} for a Microsoft Entra ID token for {}", provider, credentialName(), scope);
        try {
            Disposable subscription = credential.getToken(request).subscribe(
                    token -> refresher.execute(() -> accepted(fetch, token)),
                    failure -> refresher.execute(() -> failed(fetch, failure, failure.getMessage())),
                    () -> refresher.execute(() -> failed(fetch, null, credentialName() + " gave no token")));
            fetch.whenComplete((token, failure) -> subscription.dispose()); // a timed-out fetch is given up
        } catch (RuntimeException e) {
            failed(fetch, e, e.getMessage());
        }
    }

    private void accepted(CompletableFuture<Held> fetch, AccessToken token) {
        Instant now = clock.instant();
        if (token == null || token.getToken() == null || token.getExpiresAt() == null
                || !token.getExpiresAt().toInstant().isAfter(now)) {
            failed(fetch, null, credentialName() + " gave a token that is empty or already expired");
            return;
        }
        Instant expires = token.getExpiresAt().toInstant();
        Duration lifetime = Duration.between(now, expires);
        Duration ahead = min(MAX_REFRESH_AHEAD, lifetime.dividedBy(2));
        Instant refreshAt = expires.minus(ahead);
        if (token.getRefreshAt() != null && token.getRefreshAt().toInstant().isBefore(refreshAt)
                && token.getRefreshAt().toInstant().isAfter(now)) {
            refreshAt = token.getRefreshAt().toInstant(); // the identity service said when
        }
        Held next = new Held(
                CompletableFuture.completedFuture(new Credential(
                        "Authorization",
                        "Bearer " + token.getToken())),
                token.getToken(), expires,
                expires.minus(min(MAX_EXPIRY_MARGIN, lifetime.dividedBy(4))), refreshAt);
        synchronized (this) {
            if (fetching == fetch) {
                fetching = null;
            }
            if (stopped) {
                return;
            }
            held = next; // kept even when it came after the fetch timed out: the next calls use it
            lastFailure = null;
            failure = null;
            schedule(Duration.between(now, refreshAt));
        }
        LOG.debug("{}: holding a Microsoft Entra ID token for {} until {}, refreshed at {}", provider, scope, expires,
                refreshAt);
        fetch.complete(next); // the calls that waited for it are sent now, from this thread
    }

    private void failed(CompletableFuture<Held> fetch, Throwable cause, String reason) {
        InferenceException error = error("no Microsoft Entra ID token for scope " + scope + " from "
                                         + credentialName() + ": " + Excerpt.of(String.valueOf(reason)));
        synchronized (this) {
            if (fetching == fetch) {
                fetching = null;
            }
            if (!fetch.completeExceptionally(error)) {
                return;
            }
            lastFailure = error.getProviderMessage();
            failure = CompletableFuture.failedFuture(error);
            Held now = held;
            Instant instant = clock.instant();
            failureHeldUntil = instant.plus(FAILURE_HOLD);
            if (!stopped && now != null && instant.isBefore(now.usableUntil())) {
                // the token held still serves: ask again before it stops being sent
                schedule(min(MAX_RETRY, Duration.between(instant, now.usableUntil()).dividedBy(2)));
            }
        }
        LOG.warn("{}: {}", provider, error.getProviderMessage());
    }

    /** Guarded by this. */
    private void schedule(Duration delay) {
        cancelNextFetch();
        if (!stopped) {
            nextFetch = refresher.schedule(this::fetch, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    /** Guarded by this. */
    private void cancelNextFetch() {
        if (nextFetch != null) {
            nextFetch.cancel(false);
            nextFetch = null;
        }
    }

    private InferenceException error(String message) {
        return InferenceException.of(ErrorKind.AUTHENTICATION, ErrorDetails.of(provider, message), null);
    }

    private String credentialName() {
        return credential.getClass().getSimpleName();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public String toString() {
        return "EntraTokenSource[" + credentialName() + ", scope=" + scope + ", " + held + "]";
    }
}

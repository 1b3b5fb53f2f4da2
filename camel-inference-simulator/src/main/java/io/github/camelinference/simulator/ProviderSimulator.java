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

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * An OpenAI-compatible chat-completions server on loopback, for tests, benchmarks and the offline examples.
 * <p>
 * It answers {@code POST /v1/chat/completions} (JSON or SSE) and {@code GET /v1/models}, deterministically from the
 * prompt, as OpenAI or as the Hugging Face router ({@link Flavour}). What it does per request can be scripted: one-off
 * replies in order ({@link #enqueue}), a reply per model ({@link #onModel}), or a standing reply for every request
 * ({@link #always}). Every request is recorded so tests can assert on the exact wire format.
 * <p>
 * Built on Netty so that thousands of slow, paced streams need only a couple of threads.
 *
 * <pre>{@code
 * try (ProviderSimulator sim = ProviderSimulator.start(Flavour.OPENAI)) {
 *     sim.enqueue(Reply.json(503, "{\"error\":{\"message\":\"overloaded\"}}"));
 *     ... call sim.baseUrl() ...
 * }
 * }</pre>
 */
public final class ProviderSimulator implements AutoCloseable {

    /**
     * {@code GET} on this path answers {@code {"requests": N, "chatRequests": C, "maxChatRequestsPerMinute": M,
     * "rateLimited": L}}: every request received since the simulator started (this one excluded), recorded or not; the
     * chat requests since the start or the last reset, the most of them in any sliding minute, and the 429s its rate
     * limit sent. For load drivers in another process, e.g. to count hedged calls or a rate limit's overshoot.
     */
    public static final String REQUESTS_PATH = "/simulator/requests";

    private final Flavour flavour;
    private final EventLoopGroup bossGroup = new NioEventLoopGroup(1, daemonThreads("simulator-accept"));
    private final EventLoopGroup workerGroup = new NioEventLoopGroup(2, daemonThreads("simulator-io"));
    private final ChannelGroup openChannels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Deque<Reply> queued = new ConcurrentLinkedDeque<>();
    private final Map<String, Reply> perModel = new ConcurrentHashMap<>();
    private final Map<String, String> shutdownDates = new ConcurrentHashMap<>();
    private final List<RecordedRequest> recorded = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong requestCounter = new AtomicLong();
    private final AtomicInteger modelListRequests = new AtomicInteger();
    private volatile Reply standing = Reply.answer();
    private volatile boolean rejectPrefill;
    private final Set<String> retired = ConcurrentHashMap.newKeySet();
    private final List<RefusedValue> refusedValues = new CopyOnWriteArrayList<>();
    private volatile boolean recording = true;
    private volatile long standingUntilNanos = Long.MAX_VALUE;
    private final RateLimitWindow rateLimit = new RateLimitWindow();
    private volatile FaultMix faults;
    private final SSLContext tls;
    private Channel serverChannel;
    private final EntraTokens entra = new EntraTokens();
    private final Set<String> deployments = ConcurrentHashMap.newKeySet();
    /** Azure: whether chat requests must carry a valid api-key or Entra token, and which key is valid. */
    private volatile boolean credentialsRequired;
    private volatile String expectedApiKey;
    private SelfSignedTls entraTls;
    private Channel entraChannel;

    private ProviderSimulator(Flavour flavour, SSLContext tls) {
        this.flavour = flavour;
        this.tls = tls;
    }

    /** Starts a simulator on an ephemeral loopback port. */
    public static ProviderSimulator start(Flavour flavour) {
        return start(flavour, 0);
    }

    /** Starts a simulator on the given loopback port (0 for an ephemeral one). */
    public static ProviderSimulator start(Flavour flavour, int port) {
        ProviderSimulator simulator = new ProviderSimulator(flavour, null);
        simulator.bind(port);
        return simulator;
    }

    /**
     * Starts a simulator that speaks HTTPS on an ephemeral loopback port, with the key and certificate of the given
     * server context; {@link #baseUrl()} is then an {@code https://} URL.
     */
    public static ProviderSimulator startTls(Flavour flavour, SSLContext tls) {
        ProviderSimulator simulator = new ProviderSimulator(flavour, tls);
        simulator.bind(0);
        return simulator;
    }

    private void bind(int port) {
        serverChannel = listen(port, tls);
    }

    /** A listener on 127.0.0.1 (port 0: an ephemeral one), with TLS when a context is given. */
    private Channel listen(int port, SSLContext context) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        openChannels.add(channel);
                        if (context != null) {
                            SSLEngine engine = context.createSSLEngine();
                            engine.setUseClientMode(false);
                            channel.pipeline().addLast(new SslHandler(engine));
                        }
                        channel.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(16 * 1024 * 1024))
                                .addLast(new SimulatorHandler(ProviderSimulator.this));
                    }
                });
        try {
            return bootstrap.bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the simulator", e);
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("cannot bind the simulator to 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    public Flavour flavour() {
        return flavour;
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /**
     * The base URL a client configures, e.g. {@code http://127.0.0.1:41234/v1} ({@code https://} with TLS). For
     * {@link Flavour#AZURE} the resource's endpoint, {@code http://127.0.0.1:41234}, which {@code inference:azure}
     * takes as its {@code baseUrl}.
     */
    public String baseUrl() {
        return (tls == null ? "http" : "https") + "://127.0.0.1:" + port() + (flavour == Flavour.AZURE ? "" : "/v1");
    }

    // --- Azure OpenAI ---

    /**
     * Azure: from now on (until {@link #reset()}) a chat request must carry {@code api-key: <apiKey>} or
     * {@code Authorization: Bearer <token>} with a token this simulator's Entra endpoint issued and that has neither
     * expired nor been revoked; any other gets Azure's 401. {@code apiKey} null accepts tokens only.
     */
    public ProviderSimulator requireCredentials(String apiKey) {
        this.expectedApiKey = apiKey;
        this.credentialsRequired = true;
        return this;
    }

    /**
     * Azure: the resource's deployments; a request for another gets 404 {@code DeploymentNotFound}. Until
     * {@link #reset()}; none declared: every deployment exists.
     */
    public ProviderSimulator deployments(String... names) {
        deployments.addAll(List.of(names));
        return this;
    }

    /**
     * Starts (once) an HTTPS listener for the Microsoft Entra ID token endpoint, with a certificate for
     * {@code localhost} made now, and returns the authority host to give a credential, e.g.
     * {@code https://localhost:41235}. The credential's HTTP client must trust {@link #entraTrustStore()}. It answers
     * {@code POST /{tenant}/oauth2/v2.0/token} (client credentials), the tenant's OpenID configuration and instance
     * discovery.
     */
    public synchronized String entraAuthorityHost() {
        if (entraChannel == null) {
            entraTls = SelfSignedTls.create();
            entraChannel = listen(0, entraTls.serverContext());
        }
        return "https://localhost:" + ((InetSocketAddress) entraChannel.localAddress()).getPort();
    }

    /** A trust store holding the Entra listener's certificate alone (after {@link #entraAuthorityHost()}). */
    public synchronized java.security.KeyStore entraTrustStore() {
        entraAuthorityHost();
        return entraTls.trustStore();
    }

    /** A client TLS context that trusts the Entra listener's certificate alone. */
    public synchronized SSLContext entraClientTls() {
        entraAuthorityHost();
        return entraTls.clientContext();
    }

    /** The Entra endpoint issues tokens only to this client and secret (and others so registered); until reset. */
    public ProviderSimulator entraClient(String clientId, String clientSecret) {
        entra.client(clientId, clientSecret);
        return this;
    }

    /** How long the tokens issued from now on live ({@code expires_in}, whole seconds, at least 1); default 1 h. */
    public ProviderSimulator tokenLifetime(java.time.Duration lifetime) {
        entra.lifetime(lifetime);
        return this;
    }

    /** Every token issued so far is refused from now on, as a resource refuses a token it no longer accepts. */
    public ProviderSimulator revokeTokens() {
        entra.revokeAll();
        return this;
    }

    /** How many tokens the Entra endpoint issued since the start or the last {@link #reset()}. */
    public int tokensIssued() {
        return entra.tokensIssued();
    }

    /** How many token requests arrived, refused ones included. */
    public int tokenRequests() {
        return entra.tokenRequests();
    }

    /** Whether a chat request carrying this token would pass now: issued here, not expired, not revoked. */
    public boolean tokenValid(String token) {
        return entra.valid(token);
    }

    /** The tokens issued, oldest first (for tests that check none of them leaks). */
    public List<String> issuedTokens() {
        return entra.issuedTokens();
    }

    EntraTokens entra() {
        return entra;
    }

    boolean credentialsRequired() {
        return credentialsRequired;
    }

    String expectedApiKey() {
        return expectedApiKey;
    }

    /** Whether a deployment of that name exists. */
    boolean deploymentExists(String name) {
        return deployments.isEmpty() || deployments.contains(name);
    }

    /** Replies used once each, in order, before any per-model or standing reply. */
    public ProviderSimulator enqueue(Reply... replies) {
        queued.addAll(List.of(replies));
        return this;
    }

    /** Every request for this model (as sent, suffix included) gets this reply, until {@link #reset()}. */
    public ProviderSimulator onModel(String model, Reply reply) {
        perModel.put(model, reply);
        return this;
    }

    /** Every request gets this reply from now on (the default is {@link Reply#answer()}). */
    public ProviderSimulator always(Reply reply) {
        standing = reply;
        standingUntilNanos = Long.MAX_VALUE;
        return this;
    }

    /** Every request gets this reply for the given time, then the simulator answers normally again. */
    public ProviderSimulator downFor(java.time.Duration duration, Reply reply) {
        standing = reply;
        standingUntilNanos = System.nanoTime() + duration.toNanos();
        return this;
    }

    /**
     * Requests the standing reply would answer draw from this mix of faults instead (429s, 5xx, cut streams), until
     * {@link #reset()}; {@code null} turns it off. Scripted replies and an outage from {@link #downFor} come first.
     */
    public ProviderSimulator faults(FaultMix mix) {
        this.faults = mix;
        return this;
    }

    /**
     * {@code GET /v1/models} lists this model with this {@code shutdown_date} ({@code YYYY-MM-DD}), as OpenAI does for
     * deprecated models; added to the list if it is not in it. Until {@link #reset()}.
     */
    public ProviderSimulator shutdownDate(String model, String date) {
        shutdownDates.put(model, date);
        return this;
    }

    Map<String, String> shutdownDates() {
        return shutdownDates;
    }

    /**
     * Whether a request that ends with an assistant message (a prefill to extend) is refused with a 400, as servers
     * that do not support prefill answer. Off by default: the simulator then continues the given text.
     */
    public ProviderSimulator rejectPrefill(boolean reject) {
        this.rejectPrefill = reject;
        return this;
    }

    /**
     * The model is shut down: every chat call naming it answers 404 {@code model_not_found}, as OpenAI answers for a
     * retired model.
     */
    public ProviderSimulator retire(String model) {
        retired.add(model);
        return this;
    }

    /**
     * The model refuses this value of this parameter with OpenAI's 400 {@code unsupported_value}, naming the values it
     * takes (as a successor refuses {@code reasoning_effort=minimal}).
     */
    public ProviderSimulator refuseValue(String model, String parameter, String value, String... supported) {
        refusedValues.add(new RefusedValue(model, parameter, value, List.of(supported)));
        return this;
    }

    /** The 404 or 400 this request gets from a retired model or a refused value, or null. */
    Reply refusal(String model, JsonNode request) {
        if (model != null && retired.contains(model)) {
            return Reply.json(404, "{\"error\":{\"message\":\"The model `" + model + "` does not exist or you do not"
                                   + " have access to it.\",\"type\":\"invalid_request_error\",\"param\":null,"
                                   + "\"code\":\"model_not_found\"}}");
        }
        for (RefusedValue refused : refusedValues) {
            if (refused.model().equals(model) && refused.value().equals(request.path(refused.parameter()).asText(null))) {
                String values = String.join(", ", refused.supported().stream().map(v -> "'" + v + "'").toList());
                return Reply.json(400, "{\"error\":{\"message\":\"Unsupported value: '" + refused.value()
                                       + "' is not supported with the '" + model + "' model. Supported values are: " + values
                                       + ".\",\"type\":\"invalid_request_error\",\"param\":\"" + refused.parameter()
                                       + "\",\"code\":\"unsupported_value\"}}");
            }
        }
        return null;
    }

    private record RefusedValue(String model, String parameter, String value, List<String> supported) {
    }

    /**
     * Whether requests are kept for {@link #requests()} (the default). A simulator under sustained load (a benchmark,
     * the command line) turns it off so its memory does not grow with every call; {@link #requestsReceived()} still
     * counts.
     */
    public ProviderSimulator recording(boolean on) {
        this.recording = on;
        return this;
    }

    /**
     * Limits chat requests as a provider account is limited: at most this many in any sliding 60 s window (the ones
     * answered; refused ones do not count). A request past it gets a 429 {@code rate_limit_exceeded} with
     * {@code Retry-After} (whole seconds, rounded up) and {@code retry-after-ms}; every chat answer, refused or not,
     * carries OpenAI's {@code x-ratelimit-limit-requests}, {@code x-ratelimit-remaining-requests} and
     * {@code x-ratelimit-reset-requests} (when the oldest counted request leaves the window). 0 turns it off (the
     * default). Scripted replies come after this check.
     */
    public ProviderSimulator rateLimit(int requestsPerMinute) {
        rateLimit.limit(requestsPerMinute);
        return this;
    }

    /** How many 429s the rate limit ({@link #rateLimit}) sent. */
    public long rateLimitedReplies() {
        return rateLimit.refused();
    }

    /**
     * The most chat requests that arrived within any window of this length (sliding over every arrival), refused ones
     * included: what a test of a client-side rate limit asserts on.
     */
    public int maxRequestsInAnyWindow(java.time.Duration window) {
        return rateLimit.maxInAnyWindow(window.toNanos());
    }

    /** Chat requests that arrived since the start or the last {@link #reset()}, refused ones included. */
    public int chatRequestsReceived() {
        return rateLimit.arrivals();
    }

    RateLimitWindow.Decision rateLimitDecision() {
        return rateLimit.arrive(System.nanoTime());
    }

    /** How many client connections are open now: a call its client aborted closes its connection. */
    public int openConnections() {
        return openChannels.size();
    }

    /** How many requests arrived since the simulator started, recorded or not (not cleared by {@link #reset()}). */
    public long requestsReceived() {
        return requestCounter.get();
    }

    boolean rejectsPrefill() {
        return rejectPrefill;
    }

    /** Forgets scripted replies and recorded requests; answers normally again. */
    public ProviderSimulator reset() {
        queued.clear();
        perModel.clear();
        shutdownDates.clear();
        modelListRequests.set(0);
        rejectPrefill = false;
        retired.clear();
        refusedValues.clear();
        faults = null;
        recorded.clear();
        rateLimit.limit(0);
        rateLimit.clear();
        credentialsRequired = false;
        expectedApiKey = null;
        deployments.clear();
        entra.reset();
        always(Reply.answer());
        return this;
    }

    /** The requests received so far, oldest first. */
    public List<RecordedRequest> requests() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    public int requestCount() {
        return recorded.size();
    }

    /** The most recent request; fails when none was received. */
    public RecordedRequest lastRequest() {
        synchronized (recorded) {
            if (recorded.isEmpty()) {
                throw new IllegalStateException("the simulator has received no request");
            }
            return recorded.get(recorded.size() - 1);
        }
    }

    String nextRequestId() {
        return "req_sim" + requestCounter.incrementAndGet();
    }

    /** How many times the model list ({@code GET /v1/models}) was asked for; those requests are not recorded. */
    public int modelListRequests() {
        return modelListRequests.get();
    }

    void record(RecordedRequest request) {
        if (EntraTokens.handles(request.path())) {
            return; // token requests are counted by tokenRequests(); tests count and inspect chat calls
        }
        if ("GET".equals(request.method()) && request.path().endsWith("/models")) {
            // the component asks for the model list on its own at startup; tests count and inspect chat calls
            modelListRequests.incrementAndGet();
            return;
        }
        if (recording) {
            recorded.add(request);
        }
    }

    /** The reply for a chat request: queued, per model, an outage, then the fault mix over the standing reply. */
    Reply replyFor(String model, boolean streamed) {
        Reply next = queued.poll();
        if (next != null) {
            return next;
        }
        Reply byModel = model == null ? null : perModel.get(model);
        if (byModel != null) {
            return byModel;
        }
        Reply current = standing;
        if (standingUntilNanos != Long.MAX_VALUE && System.nanoTime() - standingUntilNanos > 0) {
            current = Reply.answer();
        } else if (standingUntilNanos != Long.MAX_VALUE) {
            return current; // an outage is not mixed
        }
        FaultMix mix = faults;
        return mix == null ? current : mix.draw(current, streamed);
    }

    @Override
    public void close() {
        openChannels.close().awaitUninterruptibly();
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly();
        }
        if (entraChannel != null) {
            entraChannel.close().awaitUninterruptibly();
        }
        bossGroup.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        workerGroup.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicLong counter = new AtomicLong();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

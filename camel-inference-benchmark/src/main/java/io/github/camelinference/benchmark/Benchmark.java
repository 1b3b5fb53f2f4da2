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
package io.github.camelinference.benchmark;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Measures every contestant on the same simulators, machine and run, and prints a Markdown table (also written to
 * {@code target/benchmark-results.md}):
 *
 * <pre>
 * mvn -B -q install -DskipTests && mvn -B -q -pl camel-inference-benchmark exec:exec [-Dbenchmark.args="--seconds 20"]
 * </pre>
 *
 * Each row runs in a fresh JVM of its own (warm-up, then the measured period), so no contestant inherits another's
 * threads, connections, JIT state or garbage. The simulators run in JVMs of their own too, on loopback, started when
 * the first row that needs one runs. Scenarios (keys for {@code --scenario}): {@code 0ms} throughput at 0 ms upstream
 * latency, {@code 200ms} added latency at 200 ms, {@code stream} time to first token on a paced stream, {@code 2000}
 * 2,000 calls in flight against a 1 s upstream, {@code 10000} 10,000 in flight against 5 s, {@code breaker-open} the
 * failover step's fallback answering while the primary is down and its breaker open, {@code hedge} hedging against a
 * primary with a long tail, {@code ratelimit} two instances under one provider account's rate limit (see
 * {@link RateLimitBenchmark}; in this JVM, 70 s unless {@code --seconds} says otherwise, R from {@code --rpm}, default
 * 600); {@code gateway} the openai-java SDK streaming directly, through the gateway (camel-inference-gateway), and the
 * failover step alone; {@code gateway-raw} the raw JDK client streaming directly and through the gateway (at one stream
 * also through {@link FloorServer}); {@code gateway-json} JSON answers (no stream) directly, through the gateway and
 * through {@link FloorServer} (the same relay with no Camel), with each server's CPU per call; {@code gateway-paced}
 * the same as {@code gateway-raw} against a stream at an LLM's pace. The gateway scenarios also run Portkey's gateway
 * on Node when {@code node} and {@code npm} are present ({@link PortkeyProcess}).
 */
public final class Benchmark {

    /** The contestants, by the key a child JVM is started with. */
    enum Contestant {
        RAW_JDK,
        RAW_APACHE,
        CAMEL_HTTP,
        OPENAI_SDK,
        INFERENCE,
        INFERENCE_FAILOVER,
        INFERENCE_FAILOVER_EIP,
        INFERENCE_TRACED,
        INFERENCE_FAILOVER_TRACED,
        RAW_JDK_STREAM,
        INFERENCE_STREAM,
        OPENAI_SDK_STREAM,
        GATEWAY_SDK_STREAM,
        INFERENCE_FAILOVER_STREAM,
        GATEWAY_RAW_JDK_STREAM,
        GATEWAY_RAW_APACHE,
        FLOOR_FOUR_CROSSINGS,
        FLOOR_NO_HANDOFFS,
        FLOOR_STREAM_FOUR_CROSSINGS,
        FLOOR_STREAM_NO_HANDOFFS,
        PORTKEY_RAW_JDK_STREAM,
        PORTKEY_RAW_APACHE;

        /** Whether the row calls the gateway, which the parent starts in a JVM of its own for the row. */
        boolean viaGateway() {
            return this == GATEWAY_SDK_STREAM || this == GATEWAY_RAW_JDK_STREAM || this == GATEWAY_RAW_APACHE;
        }

        /**
         * The floor server's hand-overs when the row calls it ({@link FloorServer}: a relay with no Camel, started by
         * the parent in a JVM of its own for the row), else null.
         */
        FloorServer.Crossings floor() {
            return this == FLOOR_FOUR_CROSSINGS || this == FLOOR_STREAM_FOUR_CROSSINGS ? FloorServer.Crossings.FOUR
                    : this == FLOOR_NO_HANDOFFS || this == FLOOR_STREAM_NO_HANDOFFS ? FloorServer.Crossings.NONE : null;
        }

        /** Whether the row streams through the floor server (the raw JDK client, as the gateway-raw rows). */
        boolean floorStreams() {
            return this == FLOOR_STREAM_FOUR_CROSSINGS || this == FLOOR_STREAM_NO_HANDOFFS;
        }

        /** Whether the row calls Portkey's gateway, which the parent starts on Node for the row. */
        boolean viaPortkey() {
            return this == PORTKEY_RAW_JDK_STREAM || this == PORTKEY_RAW_APACHE;
        }

        Client create(String url, String fallbackUrl, int concurrency, Map<String, String> parameters)
                throws Exception {
            return switch (this) {
                case RAW_JDK -> Clients.rawJdk(url, false);
                case RAW_APACHE -> Clients.rawApacheAsync(url);
                case CAMEL_HTTP -> Clients.camelHttp(url, concurrency);
                case OPENAI_SDK -> Clients.openAiSdk(url);
                case INFERENCE -> Clients.inference(url, false, concurrency);
                case INFERENCE_FAILOVER -> Clients.inferenceFailover(url, fallbackUrl, concurrency, parameters);
                case INFERENCE_FAILOVER_EIP -> Clients.inferenceFailoverEip(url, fallbackUrl, concurrency);
                case INFERENCE_TRACED -> Clients.traced(Clients.inference(url, false, concurrency, Clients.tracing()));
                case INFERENCE_FAILOVER_TRACED -> Clients.traced(Clients.inferenceFailover(url, fallbackUrl,
                        concurrency, parameters, Clients.tracing()));
                case RAW_JDK_STREAM -> Clients.rawJdk(url, true);
                case INFERENCE_STREAM -> Clients.inference(url, true, concurrency);
                case OPENAI_SDK_STREAM -> Clients.openAiSdkStream(url, "sk-bench", "gpt-5-mini", concurrency);
                // url is the gateway's (started by the parent for the row); smart runs the failover step
                case GATEWAY_SDK_STREAM -> Clients.openAiSdkStream(url, GatewayProcess.KEY, "smart", concurrency);
                case INFERENCE_FAILOVER_STREAM -> Clients.inferenceFailoverStream(url, fallbackUrl, concurrency);
                case GATEWAY_RAW_JDK_STREAM, FLOOR_STREAM_FOUR_CROSSINGS, FLOOR_STREAM_NO_HANDOFFS -> Clients.rawJdk(url,
                        true, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), "smart",
                        GatewayProcess.KEY);
                case GATEWAY_RAW_APACHE, FLOOR_FOUR_CROSSINGS, FLOOR_NO_HANDOFFS -> Clients.rawApacheAsync(url, "smart",
                        GatewayProcess.KEY);
                // url is Portkey's, fallbackUrl the simulator's: Portkey's headers name the provider and its URL
                case PORTKEY_RAW_JDK_STREAM -> Clients.rawJdk(url, true, HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1).build(), "gpt-5-mini", "sk-bench",
                        portkeyHeaders(fallbackUrl));
                case PORTKEY_RAW_APACHE -> Clients.rawApacheAsync(url, "gpt-5-mini", "sk-bench",
                        portkeyHeaders(fallbackUrl));
            };
        }

        private static Map<String, String> portkeyHeaders(String providerUrl) {
            return Map.of("x-portkey-provider", "openai", "x-portkey-custom-host", providerUrl);
        }
    }

    /** The upstreams: each a simulator JVM of its own, but DOWN, a loopback port nothing listens on. */
    enum Upstream {
        /** 0 ms, streams paced 2 ms per token. */
        INSTANT(0, 2),
        MS_200(200, 0),
        S_1(1000, 0),
        S_5(5000, 0),
        /** 200 ms, but 5 % of calls (drawn at random) take 10 s: the primary of the hedging scenario. */
        LONG_TAIL(200, 0, "--slow-fraction", "0.05", "--slow-ms", "10000"),
        MS_300(300, 0),
        /** 200 ms to the first token, then 20 ms per token: an LLM's pace, where the CPU is not saturated. */
        PACED_STREAM(200, 20),
        /** Refuses every connection. */
        DOWN(0, 0);

        final long latencyMillis;
        final long paceMillis;
        final String[] options;

        Upstream(long latencyMillis, long paceMillis, String... options) {
            this.latencyMillis = latencyMillis;
            this.paceMillis = paceMillis;
            this.options = options;
        }
    }

    /**
     * One row: a contestant in a scenario. {@code parameters} are failover template parameters set for this row only
     * (named in the client column as {@code label}); {@code jvmHeapMb} the child JVM's heap; {@code minWarmup} the
     * least warm-up that reaches a steady state in this scenario (at least one slowest call), whatever --warmup says.
     */
    private record Row(String key, String scenario, Contestant contestant, Upstream primary, Upstream fallback,
            int concurrency, Map<String, String> parameters, String label, boolean heap, int jvmHeapMb,
            double minWarmup) {

        static Row of(String key, String scenario, Contestant contestant, Upstream upstream, int concurrency) {
            return new Row(key, scenario, contestant, upstream, upstream, concurrency, Map.of(), "", false, 1024, 0);
        }

        Row fallback(Upstream to) {
            return new Row(
                    key, scenario, contestant, primary, to, concurrency, parameters, label, heap, jvmHeapMb,
                    minWarmup);
        }

        Row parameters(Map<String, String> given, String name) {
            return new Row(
                    key, scenario, contestant, primary, fallback, concurrency, given, name, heap, jvmHeapMb,
                    minWarmup);
        }

        Row label(String name) {
            return parameters(parameters, name);
        }

        Row heapPerCall(int jvmMb) {
            return new Row(
                    key, scenario, contestant, primary, fallback, concurrency, parameters, label, true, jvmMb,
                    minWarmup);
        }

        Row concurrency(int calls) {
            return new Row(
                    key, scenario, contestant, primary, fallback, calls, parameters, label, heap, jvmHeapMb,
                    minWarmup);
        }

        Row warmupAtLeast(double seconds) {
            return new Row(
                    key, scenario, contestant, primary, fallback, concurrency, parameters, label, heap,
                    jvmHeapMb, seconds);
        }
    }

    private static final String DIRECT = "direct to the fallback";
    /**
     * The 0 ms rows are CPU-bound, so they measure the JIT too until it settles: after 5 s of warm-up C2 was still
     * compiling, and inference: used 147 to 167 µs of CPU a call against 65 to 74 µs after 20 to 30 s, while the raw
     * client, with far less code to compile, went from 66 to 86 µs to 39 to 54 µs (docs/benchmarks.md).
     */
    private static final double ZERO_MS_WARM_UP_SECONDS = 20;
    /** Before each gateway row its gateway serves this many streams at a time for this long (GatewayProcess.warmUp). */
    private static final int GATEWAY_WARM_UP_STREAMS = 64;
    private static final double GATEWAY_WARM_UP_SECONDS = 20;
    /** The breaker-open row's template parameter: a breaker, once open, stays open for the whole row. */
    private static final String STAYS_OPEN = "waitDurationInOpenState=600000";

    private Benchmark() {
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Contestant c : List.of(Contestant.RAW_JDK, Contestant.RAW_APACHE, Contestant.CAMEL_HTTP,
                Contestant.OPENAI_SDK, Contestant.INFERENCE, Contestant.INFERENCE_FAILOVER,
                Contestant.INFERENCE_FAILOVER_EIP)) {
            rows.add(Row.of("0ms", "0 ms upstream", c, Upstream.INSTANT, 16).warmupAtLeast(ZERO_MS_WARM_UP_SECONDS));
        }
        for (Contestant c : List.of(Contestant.RAW_JDK, Contestant.RAW_APACHE, Contestant.CAMEL_HTTP,
                Contestant.OPENAI_SDK, Contestant.INFERENCE, Contestant.INFERENCE_TRACED, Contestant.INFERENCE_FAILOVER,
                Contestant.INFERENCE_FAILOVER_TRACED)) {
            rows.add(Row.of("200ms", "200 ms upstream", c, Upstream.MS_200, 64));
        }
        rows.add(Row.of("stream", "stream, 2 ms/token", Contestant.RAW_JDK_STREAM, Upstream.INSTANT, 16));
        rows.add(Row.of("stream", "stream, 2 ms/token", Contestant.INFERENCE_STREAM, Upstream.INSTANT, 16));
        for (Contestant c : List.of(Contestant.RAW_JDK, Contestant.RAW_APACHE, Contestant.OPENAI_SDK,
                Contestant.INFERENCE, Contestant.INFERENCE_TRACED, Contestant.INFERENCE_FAILOVER,
                Contestant.INFERENCE_FAILOVER_TRACED, Contestant.INFERENCE_FAILOVER_EIP)) {
            rows.add(Row.of("2000", "2,000 in flight, 1 s upstream", c, Upstream.S_1, 2000).heapPerCall(1024));
        }
        // 10,000 connections: maxConnections=10000 on every inference: endpoint (Clients.maxConnections), a 4 GB heap
        // for what 10,000 calls hold, and two 5 s cycles of warm-up so every connection is open before measuring
        for (Contestant c : List.of(Contestant.RAW_APACHE, Contestant.INFERENCE, Contestant.INFERENCE_FAILOVER)) {
            rows.add(Row.of("10000", "10,000 in flight, 5 s upstream", c, Upstream.S_5, 10_000).heapPerCall(4096)
                    .warmupAtLeast(10));
        }
        // the reference first: a direct call to the fallback's simulator; then the failover step with its primary
        // refusing connections, its breaker opened by the warm-up's first calls
        String breakerOpen = "primary down, breaker open; fallback 200 ms";
        rows.add(Row.of("breaker-open", breakerOpen, Contestant.INFERENCE, Upstream.MS_200, 64)
                .label(DIRECT));
        rows.add(Row.of("breaker-open", breakerOpen, Contestant.INFERENCE_FAILOVER, Upstream.DOWN, 64)
                .fallback(Upstream.MS_200).parameters(Map.of("waitDurationInOpenState", "600000"), STAYS_OPEN));
        // a warm-up longer than the slow calls, so they complete in the measured period at their steady rate
        String hedging = "hedging: primary 200 ms, 5 % at 10 s; fallback 300 ms";
        rows.add(Row.of("hedge", hedging, Contestant.INFERENCE_FAILOVER, Upstream.LONG_TAIL, 64)
                .fallback(Upstream.MS_300).label("hedgeDelay=0").warmupAtLeast(11));
        rows.add(Row.of("hedge", hedging, Contestant.INFERENCE_FAILOVER, Upstream.LONG_TAIL, 64)
                .fallback(Upstream.MS_300).parameters(Map.of("hedgeDelay", "1000"), "hedgeDelay=1000").warmupAtLeast(11));
        // the gateway (issue 14): the SDK streaming straight to the simulator (the reference), the same SDK through the
        // gateway (its own JVM, started for the row), and the failover step alone, streaming as the gateway runs it;
        // the gateway's JVM starts cold for its row: it first serves 64 streams at a time for 20 s
        // (GatewayProcess.warmUp), then the row's own warm-up is longer, so its JIT has settled before measuring
        for (int streams : List.of(1, 100, 1000)) {
            String scenario = String.format(Locale.ROOT, "gateway, %,d concurrent streams, 2 ms/token", streams);
            for (Contestant c : List.of(Contestant.OPENAI_SDK_STREAM, Contestant.GATEWAY_SDK_STREAM,
                    Contestant.INFERENCE_FAILOVER_STREAM)) {
                rows.add(Row.of("gateway", scenario, c, Upstream.INSTANT, streams)
                        .warmupAtLeast(c.viaGateway() || c.viaPortkey() ? 15 : 0));
            }
        }
        // the same with a lighter client both ways: from 100 streams on the SDK's own cost fills the 2 cores
        for (int streams : List.of(1, 100, 1000)) {
            String scenario = String.format(Locale.ROOT, "gateway, raw JDK client, %,d concurrent streams, 2 ms/token",
                    streams);
            // at one stream, the floor server beside them: the first delta through a relay with no Camel
            List<Contestant> contestants = streams == 1
                    ? List.of(Contestant.RAW_JDK_STREAM, Contestant.GATEWAY_RAW_JDK_STREAM,
                            Contestant.FLOOR_STREAM_FOUR_CROSSINGS, Contestant.FLOOR_STREAM_NO_HANDOFFS,
                            Contestant.PORTKEY_RAW_JDK_STREAM)
                    : List.of(Contestant.RAW_JDK_STREAM, Contestant.GATEWAY_RAW_JDK_STREAM,
                            Contestant.PORTKEY_RAW_JDK_STREAM);
            for (Contestant c : contestants) {
                rows.add(Row.of("gateway-raw", scenario, c, Upstream.INSTANT, streams)
                        .warmupAtLeast(c.viaGateway() || c.floor() != null || c.viaPortkey() ? 15 : 0));
            }
        }
        // JSON answers (no stream) at 0 ms upstream with the light Apache client: what a request costs the gateway's
        // CPU (its JVM's CPU time over the calls, printed per row), the figure issue 23 sets targets for; beside it the
        // floor server, a relay on the same I/O libraries with no Camel, with the gateway's four hand-overs and without
        for (int connections : List.of(1, 64)) {
            String scenario = String.format(Locale.ROOT, "gateway, JSON, %,d connections, 0 ms", connections);
            for (Contestant c : List.of(Contestant.RAW_APACHE, Contestant.GATEWAY_RAW_APACHE,
                    Contestant.FLOOR_FOUR_CROSSINGS, Contestant.FLOOR_NO_HANDOFFS, Contestant.PORTKEY_RAW_APACHE)) {
                rows.add(Row.of("gateway-json", scenario, c, Upstream.INSTANT, connections)
                        .warmupAtLeast(c.viaGateway() || c.floor() != null || c.viaPortkey() ? 15 : 0));
            }
        }
        // an LLM's pace (200 ms to the first token, 20 ms a token): what the gateway adds where the CPU has room; the
        // gateway's warm-up is a minute, as its JIT was still compiling 35 to 55 s after start at 1,000 streams (a
        // profile of a 15 s warm-up was half compiler threads)
        for (int streams : List.of(1, 100, 1000)) {
            String scenario = String.format(Locale.ROOT, "gateway, raw JDK client, %,d concurrent streams, 200 ms +"
                                                         + " 20 ms/token",
                    streams);
            for (Contestant c : List.of(Contestant.RAW_JDK_STREAM, Contestant.GATEWAY_RAW_JDK_STREAM,
                    Contestant.PORTKEY_RAW_JDK_STREAM)) {
                rows.add(Row.of("gateway-paced", scenario, c, Upstream.PACED_STREAM, streams)
                        .warmupAtLeast(c.viaGateway() || c.viaPortkey() ? 60 : 0));
            }
        }
        return rows;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "--row".equals(args[0])) {
            runRow(args);
            return;
        }
        double seconds = 10;
        double warmup = 5;
        Set<String> only = null;
        Set<String> scenarios = null;
        int maxConcurrency = Integer.MAX_VALUE;
        boolean secondsGiven = false;
        int rpm = 600;
        int roundCount = 1;
        Set<Integer> onlyConcurrency = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> {
                    seconds = Double.parseDouble(args[++i]);
                    secondsGiven = true;
                }
                case "--rpm" -> rpm = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--only" -> only = Set.of(args[++i].split(","));
                case "--scenario" -> scenarios = Set.of(args[++i].split(","));
                case "--max-concurrency" -> maxConcurrency = Integer.parseInt(args[++i]);
                case "--rounds" -> roundCount = Integer.parseInt(args[++i]);
                case "--concurrency" -> onlyConcurrency = Arrays.stream(args[++i].split(","))
                        .map(Integer::valueOf).collect(Collectors.toSet());
                default -> throw new IllegalArgumentException(
                        "options: --seconds S --warmup S"
                                                              + " --scenario <keys, e.g. 2000,hedge: 0ms 200ms stream 2000 10000 breaker-open hedge"
                                                              + " ratelimit gateway gateway-raw gateway-json gateway-paced> --rpm R (ratelimit: the provider's and the"
                                                              + " limiter's R, default 600)"
                                                              + " --only <contestant keys, e.g. INFERENCE,INFERENCE_FAILOVER; each scenario's first row,"
                                                              + " its reference, always runs> --max-concurrency N (caps every row, for smoke runs only)"
                                                              + " --rounds N (every row N times, interleaved; each row's median round is tabled)"
                                                              + " --concurrency N[,M] (only the rows of N or M callers or streams, e.g. the gateway's 1-stream rows)");
            }
        }
        if (scenarios != null && scenarios.contains("ratelimit")) {
            // a scenario of its own shape: two instances sharing a limit, in this JVM, for a minute and more
            RateLimitBenchmark.run(secondsGiven ? seconds : 70, rpm);
            if (scenarios.size() == 1) {
                return;
            }
        }
        List<Row> rows = withBaseline(select(rows(), scenarios, only, maxConcurrency));
        if (rows.stream().anyMatch(row -> row.contestant.viaPortkey())) {
            String missing = PortkeyProcess.unavailable();
            if (missing != null) {
                System.out.println("Portkey's rows are skipped: " + missing);
                rows = rows.stream().filter(row -> !row.contestant.viaPortkey()).toList();
            }
        }
        if (onlyConcurrency != null) {
            Set<Integer> n = onlyConcurrency;
            rows = rows.stream().filter(row -> n.contains(row.concurrency)).toList();
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no row matches --scenario " + scenarios + " --only " + only);
        }
        // rounds.get(r).get(i): row i's result in round r. Rounds interleave the rows (all rows, then all again), so
        // a slow spell of a shared machine falls on every contestant rather than on one
        List<List<Result>> rounds = new ArrayList<>();
        Map<Upstream, SimulatorProcess> simulators = new EnumMap<>(Upstream.class);
        String down = "http://127.0.0.1:" + SimulatorProcess.freePort() + "/v1";
        try {
            for (int round = 0; round < roundCount; round++) {
                List<Result> results = new ArrayList<>();
                rounds.add(results);
                if (roundCount > 1) {
                    System.out.printf("round %d of %d%n", round + 1, roundCount);
                }
                for (Row row : rows) {
                    String primary = url(row.primary, simulators, down);
                    String fallback = url(row.fallback, simulators, down);
                    List<String> counted = new ArrayList<>();
                    for (Upstream u : new LinkedHashSet<>(List.of(row.primary, row.fallback))) {
                        if (u != Upstream.DOWN) {
                            counted.add(url(u, simulators, down));
                        }
                    }
                    String name = row.contestant + (row.label.isEmpty() ? "" : " " + row.label);
                    System.out.printf("%-48s %-40s ...", row.scenario, name);
                    System.out.flush();
                    GatewayProcess gateway = row.contestant.viaGateway()
                            ? GatewayProcess.start(primary, BASELINE.equals(row.label) ? baselineJars() : null)
                            : null;
                    PortkeyProcess portkey = row.contestant.viaPortkey() ? PortkeyProcess.start() : null;
                    FloorProcess floor = row.contestant.floor() != null
                            ? FloorProcess.start(primary, row.contestant.floor()) : null;
                    LongSupplier serverCpu = gateway != null ? gateway::cpuNanos
                            : portkey != null ? portkey::cpuNanos : floor != null ? floor::cpuNanos : null;
                    String url = gateway != null ? gateway.baseUrl()
                            : portkey != null ? portkey.baseUrl() : floor != null ? floor.baseUrl() : primary;
                    Outcome outcome;
                    String gatewayThreads = "";
                    try {
                        int idle = gateway == null ? 0 : gateway.threads()[0];
                        if (gateway != null) {
                            // JSON rows warm the gateway's JSON path: the JIT compiles what runs
                            gateway.warmUp(GATEWAY_WARM_UP_STREAMS, GATEWAY_WARM_UP_SECONDS,
                                    row.contestant != Contestant.GATEWAY_RAW_APACHE);
                        }
                        if (floor != null) {
                            // as the gateway's rows: its JIT compiles the relay (JSON or stream) before the row
                            GatewayProcess.warmUp(floor.baseUrl(), GATEWAY_WARM_UP_STREAMS, GATEWAY_WARM_UP_SECONDS,
                                    row.contestant.floorStreams());
                        }
                        outcome = runChild(row, url, fallback, counted, seconds, Math.max(warmup, row.minWarmup),
                                serverCpu);
                        if (gateway != null) {
                            int[] threads = gateway.threads();
                            gatewayThreads = String.format(Locale.ROOT, "through the gateway (gateway JVM threads:"
                                                                        + " idle %d, peak %d, live after %d)",
                                    idle, threads[1], threads[0]);
                        }
                    } finally {
                        if (gateway != null) {
                            gateway.close();
                        }
                        if (portkey != null) {
                            portkey.close();
                        }
                        if (floor != null) {
                            floor.close();
                        }
                    }
                    Result r = outcome.result();
                    if (!row.label.isEmpty()) {
                        r = r.named(r.client() + ", " + row.label);
                    }
                    if (!gatewayThreads.isEmpty()) {
                        r = r.named(r.client() + " " + gatewayThreads);
                    }
                    if (row.contestant.viaPortkey()) {
                        r = r.named(r.client() + " through Portkey " + PortkeyProcess.VERSION);
                    }
                    if (row.contestant.floor() != null) {
                        r = r.named(r.client() + " through the floor server (no Camel), "
                                    + (row.contestant.floor() == FloorServer.Crossings.FOUR
                                            ? "four crossings" : "no hand-offs"));
                    }
                    System.out.printf(Locale.ROOT, " %8.0f calls/s  p50 %8.2f ms  p99 %8.2f ms%s  threads %+d"
                                                   + "  upstream/call %.3f  errors %d  CPU per call %s%s%n",
                            r.throughput(), r.p50(), r.p99(),
                            // each round's first token, where the table shows only the median round's
                            Double.isNaN(r.firstTokenP50()) || r.firstTokenP50() <= 0
                                    ? "" : String.format(Locale.ROOT, "  first token p50 %.2f ms", r.firstTokenP50()),
                            r.threadsAdded(), r.upstreamPerCall(), r.errors(), outcome.cpuPerCall(),
                            Double.isNaN(outcome.gatewayCpuPerCall())
                                    ? ""
                                    : String.format(Locale.ROOT, "  server CPU per call %.1f us (gateway, floor or Portkey)",
                                            outcome.gatewayCpuPerCall()));
                    if (outcome.firstError() != null) {
                        System.out.println("    first error: " + outcome.firstError());
                    }
                    results.add(r);
                }
            }
        } finally {
            for (SimulatorProcess simulator : simulators.values()) {
                simulator.close();
            }
        }
        List<Result> results = medians(rounds);
        String table = markdown(results, seconds, warmup) + (roundCount > 1
                ? String.format(Locale.ROOT,
                        "%nEach row ran %d times, interleaved with the others; the table shows its median round by calls/s.%n",
                        roundCount)
                : "") + "\n" + targets(rows, rounds);
        System.out.println();
        System.out.println(table);
        Path file = Path.of("target", "benchmark-results.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, table);
        System.exit(0);
    }

    /** The rows of the chosen scenarios (all when null), each scenario's first row and the chosen contestants. */
    private static List<Row> select(List<Row> all, Set<String> scenarios, Set<String> only, int maxConcurrency) {
        List<Row> chosen = new ArrayList<>();
        String scenario = null;
        for (Row row : all) {
            boolean first = !row.scenario.equals(scenario);
            scenario = row.scenario;
            if (scenarios != null && !scenarios.contains(row.key)) {
                continue;
            }
            if (only == null || first || only.contains(row.contestant.name())) {
                chosen.add(row.concurrency <= maxConcurrency ? row : row.concurrency(maxConcurrency));
            }
        }
        return chosen;
    }

    private static String url(Upstream upstream, Map<Upstream, SimulatorProcess> simulators, String down)
            throws Exception {
        if (upstream == Upstream.DOWN) {
            return down;
        }
        SimulatorProcess simulator = simulators.get(upstream);
        if (simulator == null) {
            simulator = SimulatorProcess.start(upstream.latencyMillis, upstream.paceMillis, upstream.options);
            simulators.put(upstream, simulator);
        }
        return simulator.baseUrl();
    }

    /** What a row's JVM said: its figures and, when calls failed, the first failure. */
    private record Outcome(Result result, String firstError, String cpuPerCall, double gatewayCpuPerCall) {
    }

    /**
     * {@code -Dbenchmark.gatewayBaseline=DIR}: every gateway row runs twice, the second time (labelled
     * {@value #BASELINE}) on a gateway whose project jars are the ones in DIR (e.g. copied from another build), so a
     * change to the gateway is measured against the build before it in the same run, rows interleaved.
     */
    private static final String BASELINE = "baseline build";

    private static List<Row> withBaseline(List<Row> rows) {
        if (System.getProperty("benchmark.gatewayBaseline") == null) {
            return rows;
        }
        List<Row> all = new ArrayList<>();
        for (Row row : rows) {
            all.add(row);
            if (row.contestant.viaGateway()) {
                all.add(row.label(BASELINE));
            }
        }
        return all;
    }

    private static File baselineJars() {
        return new File(System.getProperty("benchmark.gatewayBaseline"));
    }

    private static Outcome runChild(
            Row row, String url, String fallbackUrl, List<String> counted, double seconds,
            double warmup, LongSupplier serverCpu)
            throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new ArrayList<>(List.of(java, "-Xms" + row.jvmHeapMb + "m", "-Xmx" + row.jvmHeapMb + "m"));
        String jfrFolder = System.getProperty("benchmark.jfr");
        if (jfrFolder != null) {
            // -Dbenchmark.jfr=DIR: a JFR profile of each row's JVM, to see where a contestant's time and heap go
            command.add("-XX:StartFlightRecording=settings=profile,filename=" + jfrFolder + File.separator
                        + row.key + "-" + row.contestant.name() + ".jfr");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Benchmark.class.getName(), "--row",
                row.scenario, row.contestant.name(), url, fallbackUrl, String.valueOf(row.concurrency),
                String.valueOf(seconds), String.valueOf(warmup), String.valueOf(row.heap),
                counted.isEmpty() ? "-" : String.join(",", counted), parameters(row.parameters)));
        Process child = new ProcessBuilder(Cpus.load(command)).redirectErrorStream(true).start();
        Result result = null;
        String firstError = null;
        String cpuPerCall = "";
        long gatewayCpuStart = -1;
        double gatewayCpuPerCall = Double.NaN;
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(
                        child.getInputStream(),
                        StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("RESULT\t")) {
                    result = Result.fromLine(line);
                } else if (line.equals("MEASURING") && serverCpu != null) {
                    gatewayCpuStart = serverCpu.getAsLong();
                } else if (line.startsWith("MEASURED\t") && serverCpu != null && gatewayCpuStart >= 0) {
                    long calls = Long.parseLong(line.substring(line.indexOf('\t') + 1));
                    gatewayCpuPerCall = (serverCpu.getAsLong() - gatewayCpuStart) / 1e3 / Math.max(1, calls);
                } else if (line.startsWith("CPU PER CALL\t")) {
                    cpuPerCall = line.substring(line.indexOf('\t') + 1);
                } else if (line.startsWith("FIRST ERROR\t")) {
                    firstError = line.substring(line.indexOf('\t') + 1).replace('\n', ' ');
                } else {
                    output.append(line).append('\n');
                }
            }
        }
        child.waitFor();
        if (result == null) {
            throw new IllegalStateException("row " + row + " printed no result:\n" + output);
        }
        return new Outcome(result, firstError, cpuPerCall, gatewayCpuPerCall);
    }

    private static String parameters(Map<String, String> parameters) {
        return parameters.isEmpty()
                ? "-" : parameters.entrySet().stream()
                        .map(p -> p.getKey() + "=" + p.getValue()).collect(Collectors.joining(","));
    }

    /** In the child JVM: one contestant, one scenario. */
    private static void runRow(String[] args) throws Exception {
        Contestant contestant = Contestant.valueOf(args[2]);
        int concurrency = Integer.parseInt(args[5]);
        Map<String, String> parameters = new LinkedHashMap<>();
        if (!"-".equals(args[10])) {
            for (String pair : args[10].split(",")) {
                String[] nameValue = pair.split("=", 2);
                parameters.put(nameValue[0], nameValue[1]);
            }
        }
        List<String> counted = "-".equals(args[9]) ? List.of() : List.of(args[9].split(","));
        LongSupplier upstream = counted.isEmpty() ? null : () -> {
            try {
                return counted.stream().mapToLong(SimulatorProcess::requestsReceived).sum();
            } catch (RuntimeException e) {
                System.err.println("upstream requests not counted: " + e);
                return -1;
            }
        };
        try (Client client = contestant.create(args[3], args[4], concurrency, parameters)) {
            Result r = LoadDriver.run(args[1], client, concurrency, Double.parseDouble(args[7]),
                    Double.parseDouble(args[6]), Boolean.parseBoolean(args[8]), upstream);
            System.out.println(r.toLine());
        }
        System.exit(0);
    }

    static String markdown(List<Result> results, double seconds, double warmup) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Run %s on %d cores, Java %s; each row a fresh JVM, %s s measured after"
                                             + " %s s warm-up (longer where a scenario needs it)%s.%n%n",
                LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), seconds, warmup,
                Cpus.pinned() ? "; the server under test pinned to CPU 1, the clients and simulators to CPU 0" : ""));
        md.append("| scenario | client | concurrency | calls/s | p50 ms | p99 ms | p99.9 ms | added p50 ms | added p99 ms"
                  + " | first token p50 ms | threads (peak / added) | heap KB per call in flight"
                  + " | upstream requests per call | errors |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Result floor = null;
        for (Result r : results) {
            if (floor == null || !floor.scenario().equals(r.scenario())) {
                floor = r; // each scenario's first row is its reference (the raw JDK client where it runs)
            }
            md.append(String.format(Locale.ROOT,
                    "| %s | %s | %d | %.0f | %.2f | %.2f | %.2f | %+.2f | %+.2f | %.2f | %d / %+d | %s | %s | %d |%n",
                    r.scenario(), r.client(), r.concurrency(), r.throughput(), r.p50(), r.p99(), r.p999(),
                    r.p50() - floor.p50(), r.p99() - floor.p99(), r.firstTokenP50(), r.peakThreads(),
                    r.threadsAdded(), orBlank("%.1f", r.heapKbPerCallInFlight()), orBlank("%.3f", r.upstreamPerCall()),
                    r.errors()));
        }
        return md.toString();
    }

    private static String orBlank(String format, double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, format, value);
    }

    /** Each row's median round by calls/s (the lower middle one for an even count). */
    static List<Result> medians(List<List<Result>> rounds) {
        List<Result> medians = new ArrayList<>();
        for (int i = 0; i < rounds.get(0).size(); i++) {
            List<Result> row = new ArrayList<>();
            for (List<Result> round : rounds) {
                row.add(round.get(i));
            }
            row.sort(Comparator.comparingDouble(Result::throughput));
            medians.add(row.get((row.size() - 1) / 2));
        }
        return medians;
    }

    /** The failover step's figures against issue 10's targets, from the rows of this run that hold them. */
    static String targets(List<Row> rows, List<List<Result>> rounds) {
        List<Result> results = medians(rounds);
        StringBuilder md = new StringBuilder("Failover step against its targets (this run):\n\n");
        int before = md.length();
        for (String key : List.of("2000", "10000")) {
            for (Contestant c : List.of(Contestant.INFERENCE_FAILOVER, Contestant.INFERENCE_FAILOVER_EIP)) {
                Result r = find(rows, results, key, c, "");
                if (r != null) {
                    md.append(String.format(Locale.ROOT, "- %s, %s: %.0f calls/s (ideal %d), %+d threads over idle"
                                                         + " (target ≤ 32), %s KB heap per call in flight (aim ≤ 30),"
                                                         + " %d errors%n",
                            r.scenario(), r.client(), r.throughput(),
                            r.concurrency() / ("2000".equals(key) ? 1 : 5), r.threadsAdded(),
                            orBlank("%.1f", r.heapKbPerCallInFlight()), r.errors()));
                }
            }
        }
        for (Contestant c : List.of(Contestant.INFERENCE_FAILOVER, Contestant.INFERENCE,
                Contestant.INFERENCE_FAILOVER_EIP)) {
            // each round's share against raw HttpClient 5's calls/s in the same round, then their median: rows next
            // to each other in time share the machine's state, which on a shared 2-core machine swings by ±40 %
            List<Double> shares = new ArrayList<>();
            String client = null;
            for (List<Result> round : rounds) {
                Result apache = find(rows, round, "0ms", Contestant.RAW_APACHE, "");
                Result r = find(rows, round, "0ms", c, "");
                if (apache != null && r != null) {
                    shares.add(100 * r.throughput() / apache.throughput());
                    client = r.client();
                }
            }
            if (!shares.isEmpty()) {
                List<Double> sorted = new ArrayList<>(shares);
                Collections.sort(sorted);
                md.append(String.format(Locale.ROOT, "- 0 ms upstream, 16 callers, %s: %.0f %% of raw HttpClient 5's"
                                                     + " calls/s (median of %d rounds: %s) (target: failover template"
                                                     + " ≥ 80 %%, inference: ≥ 90 %%)%n",
                        client,
                        sorted.get((sorted.size() - 1) / 2), shares.size(), shares.stream()
                                .map(x -> String.format(Locale.ROOT, "%.0f %%", x)).collect(Collectors.joining(", "))));
            }
        }
        Result direct = find(rows, results, "breaker-open", Contestant.INFERENCE, DIRECT);
        Result open = find(rows, results, "breaker-open", Contestant.INFERENCE_FAILOVER, STAYS_OPEN);
        if (direct != null && open != null) {
            md.append(String.format(Locale.ROOT, "- primary down, breaker open: the fallback's answer p50 %.2f ms"
                                                 + " through the step vs %.2f ms direct, %+.2f ms (target ≤ 2 ms);"
                                                 + " p99 %+.2f ms; %d errors%n",
                    open.p50(), direct.p50(),
                    open.p50() - direct.p50(), open.p99() - direct.p99(), open.errors()));
        }
        Result plain = find(rows, results, "hedge", Contestant.INFERENCE_FAILOVER, "hedgeDelay=0");
        Result hedged = find(rows, results, "hedge", Contestant.INFERENCE_FAILOVER, "hedgeDelay=1000");
        if (plain != null && hedged != null) {
            md.append(String.format(Locale.ROOT, "- hedging (primary 200 ms, 5 %% at 10 s; fallback 300 ms): p99 %.0f ms"
                                                 + " without, %.0f ms with hedgeDelay=1000 (aim ≤ 1,500 ms); extra"
                                                 + " upstream calls %.1f %% without, %.1f %% with (aim ≤ 10 %%)%n",
                    plain.p99(), hedged.p99(), 100 * (plain.upstreamPerCall() - 1),
                    100 * (hedged.upstreamPerCall() - 1)));
        }
        return md.length() == before ? "" : md.toString();
    }

    private static Result find(List<Row> rows, List<Result> results, String key, Contestant contestant, String label) {
        for (int i = 0; i < results.size(); i++) {
            Row row = rows.get(i);
            if (row.key.equals(key) && row.contestant == contestant && row.label.equals(label)) {
                return results.get(i);
            }
        }
        return null;
    }
}

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
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.camelinference.camel.inference.gateway.Gateway;
import org.apache.camel.main.Main;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.reactor.IOReactorConfig;

/**
 * The example gateway in a JVM of its own, in front of one simulator (both of its providers), so its threads are
 * counted apart from the driver's: read from its Prometheus metrics ({@code jvm_threads_live_threads},
 * {@code jvm_threads_peak_threads}).
 */
final class GatewayProcess extends ServerProcess {

    static final String KEY = "gk-bench";
    private static final Pattern LIVE = Pattern.compile("(?m)^jvm_threads_live_threads (\\d+)");
    private static final Pattern PEAK = Pattern.compile("(?m)^jvm_threads_peak_threads (\\d+)");

    private final int management;

    private GatewayProcess(Process process, int port, int management) {
        super(process, port);
        this.management = management;
    }

    /** The gateway's heap: issue 23 asks for 1,000 streams at an LLM's pace within 256 MB. */
    static final int HEAP_MB = 256;

    /**
     * @param jars null, or a folder of project jars that replace those of the same name on the class path (a gateway
     *             built before a change, to measure against it)
     */
    static GatewayProcess start(String simulatorUrl, File jars) throws Exception {
        int port = SimulatorProcess.freePort();
        int management = SimulatorProcess.freePort();
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(
                Cpus.server(
                        List.of(java, "-Xms" + HEAP_MB + "m", "-Xmx" + HEAP_MB + "m", "-cp",
                                replaced(PipelineBenchmark.ownJarOnly(Gateway.class), jars), GatewayProcess.class.getName(),
                                simulatorUrl,
                                String.valueOf(port), String.valueOf(management))))
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine();; line = out.readLine()) {
            if (line == null) {
                throw new IllegalStateException("the gateway did not start");
            }
            if (line.startsWith("GATEWAY STARTED")) {
                break;
            }
        }
        Thread drain = new Thread(() -> out.lines().forEach(l -> {
        }), "gateway-output");
        drain.setDaemon(true);
        drain.start();
        return new GatewayProcess(process, port, management);
    }

    private static String replaced(String classPath, File jars) {
        if (jars == null) {
            return classPath;
        }
        List<String> entries = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            File instead = new File(jars, new File(entry).getName());
            entries.add(instead.isFile() ? instead.getPath() : entry);
        }
        return String.join(File.pathSeparator, entries);
    }

    /** In the gateway's JVM. */
    public static void main(String[] args) throws Exception {
        String simulator = args[0];
        Main main = Gateway.create(Map.ofEntries(
                Map.entry("openai.baseUrl", simulator), Map.entry("openai.apiKey", "sk-bench"),
                Map.entry("openai.model", "gpt-5-mini"), Map.entry("hf.baseUrl", simulator),
                Map.entry("hf.apiKey", "hf-bench"), Map.entry("hf.model", "openai/gpt-oss-120b"),
                Map.entry("camel.server.port", args[1]), Map.entry("camel.management.port", args[2]),
                Map.entry("gateway.tenant.bench.key", KEY), Map.entry("gateway.budget.usdPerDay", "1000000000"),
                Map.entry("gateway.requestTimeout", "120000"), Map.entry("gateway.firstTokenTimeout", "120000"),
                Map.entry("gateway.streamIdleTimeout", "120000"),
                Map.entry("gateway.breaker.minimumNumberOfCalls", "1000000")));
        main.start();
        System.out.println("GATEWAY STARTED");
        Thread.currentThread().join();
    }

    /**
     * Runs {@code streams} streamed (or JSON) requests at a time through the gateway, each started when the previous
     * one ends, for {@code seconds}: a gateway runs for days, so a row measures its compiled code, not the
     * interpreter's (a 1-stream row alone makes a few hundred calls in its warm-up, far too few for the JIT). Returns
     * the calls made.
     */
    long warmUp(int streams, double seconds, boolean stream) throws Exception {
        return warmUp(baseUrl(), streams, seconds, stream);
    }

    /** The same against any server of the gateway's API at this base URL (the floor server's too). */
    static long warmUp(String baseUrl, int streams, double seconds, boolean stream) throws Exception {
        byte[] body = ("{\"model\":\"smart\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":"
                       + "\"Warm up\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        long end = System.nanoTime() + (long) (seconds * 1e9);
        AtomicLong calls = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(streams);
        try (CloseableHttpAsyncClient http = HttpAsyncClients.custom()
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(1).build()).build()) {
            http.start();
            for (int i = 0; i < streams; i++) {
                Runnable[] loop = new Runnable[1];
                loop[0] = () -> {
                    if (System.nanoTime() >= end) {
                        finished.countDown();
                        return;
                    }
                    http.execute(SimpleRequestBuilder.post(baseUrl + "/chat/completions")
                            .setBody(body, ContentType.APPLICATION_JSON)
                            .addHeader("Authorization", "Bearer " + KEY).build(),
                            new FutureCallback<SimpleHttpResponse>() {
                                @Override
                                public void completed(SimpleHttpResponse response) {
                                    (response.getCode() == 200 ? calls : failures).incrementAndGet();
                                    loop[0].run();
                                }

                                @Override
                                public void failed(Exception e) {
                                    failures.incrementAndGet();
                                    loop[0].run();
                                }

                                @Override
                                public void cancelled() {
                                    finished.countDown();
                                }
                            });
                };
                loop[0].run();
            }
            if (!finished.await((long) seconds + 60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the warm-up of " + baseUrl + " did not end");
            }
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " warm-up calls to " + baseUrl + " failed");
        }
        return calls.get();
    }

    /** {live, peak} threads of the gateway's JVM, from its metrics. */
    int[] threads() throws Exception {
        String metrics = get("/observe/metrics");
        return new int[] { number(LIVE, metrics), number(PEAK, metrics) };
    }

    private static int number(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? (int) Double.parseDouble(m.group(1)) : -1;
    }

    /** A bare socket, so the parent starts no client thread for it. */
    private String get(String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", management)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

}

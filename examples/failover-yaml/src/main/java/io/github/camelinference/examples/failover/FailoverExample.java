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
package io.github.camelinference.examples.failover;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.github.camelinference.camel.inference.InferenceComponent;
import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.camelinference.camel.inference.routes.CircuitBreakers;
import io.github.camelinference.camel.inference.routes.failover.InferenceFailover;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * The main example: Camel Main runs the YAML routes in {@code src/main/resources/routes/}, and this class sends them a
 * stream of requests. Offline, it stages an outage of the simulated OpenAI partway through and shows the breaker open,
 * the Hugging Face router answer, and OpenAI take over again; with {@code OPENAI_API_KEY} / {@code HF_TOKEN} set, the
 * same routes call the real services (fewer requests, no staged outage of a real service). The OpenAI model is
 * {@code OPENAI_MODEL} (default gpt-5-mini, which OpenAI shuts down on 2026-12-11); the retired-model route is answered
 * by its successor {@code OPENAI_SUCCESSOR_MODEL}.
 *
 * <pre>
 * mvn -q -pl examples/failover-yaml -am install -DskipTests && mvn -q -pl examples/failover-yaml exec:java
 * ... exec:java -Dexec.args="--requests 1000 --concurrency 8"
 * </pre>
 */
public final class FailoverExample {

    private static final String OVERLOADED = "{\"error\":{\"message\":\"The engine is currently overloaded, please try"
                                             + " again later\",\"type\":\"server_error\",\"code\":null}}";

    /** What to run; every field has a default suited to a first look. */
    record Settings(int requests, int concurrency, int outageAt, Duration outage) {

        static Settings parse(String[] args, boolean anyRealProvider) {
            int requests = anyRealProvider ? 6 : 400;
            int concurrency = 4;
            Integer outageAt = null;
            long outageSeconds = 2;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--requests" -> requests = Integer.parseInt(args[++i]);
                    case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                    case "--outage-at" -> outageAt = Integer.parseInt(args[++i]);
                    case "--outage-seconds" -> outageSeconds = Long.parseLong(args[++i]);
                    default -> throw new IllegalArgumentException(
                            "unknown option " + args[i] + "; options: --requests N"
                                                                  + " --concurrency N --outage-at N --outage-seconds N");
                }
            }
            return new Settings(
                    requests, concurrency, outageAt == null ? requests / 4 : outageAt,
                    Duration.ofSeconds(outageSeconds));
        }
    }

    private FailoverExample() {
    }

    public static void main(String[] args) throws Exception {
        Function<String, String> env = System::getenv;
        boolean anyReal = env.apply("OPENAI_API_KEY") != null || env.apply("HF_TOKEN") != null
                || env.apply("AZURE_OPENAI_ENDPOINT") != null;
        Summary summary = run(Settings.parse(args, anyReal), env, System.out, System.console() != null);
        System.exit(summary.answered() == summary.count() ? 0 : 1);
    }

    /** Runs Camel Main with the YAML routes, sends the traffic, prints as it goes, and returns what happened. */
    static Summary run(Settings settings, Function<String, String> env, PrintStream out, boolean terminal)
            throws Exception {
        try (Providers providers = Providers.fromEnvironment(env)) {
            out.println("camel-inference failover example\n" + providers.describe() + "\n");
            Summary summary = new Summary();
            AtomicReference<Exception> failure = new AtomicReference<>();
            Main main = new Main();
            providers.properties().forEach(main::addInitialProperty);
            InferenceComponent inference = new InferenceComponent();
            inference.setEnvironment(env); // the keys it reads itself (AZURE_OPENAI_API_KEY) come from the same place
            main.bind("inference", inference);
            main.addMainListener(new MainListenerSupport() {
                @Override
                public void afterStart(BaseMainSupport started) {
                    Thread traffic = new Thread(() -> {
                        try {
                            drive(started.getCamelContext(), settings, providers, summary, out, terminal);
                            tour(started.getCamelContext(), providers, out);
                        } catch (Exception e) {
                            failure.set(e);
                        } finally {
                            main.completed();
                        }
                    }, "example-traffic");
                    traffic.start();
                }
            });
            main.run();
            if (failure.get() != null) {
                throw failure.get();
            }
            return summary;
        }
    }

    private static void drive(
            CamelContext camel, Settings settings, Providers providers, Summary summary,
            PrintStream out, boolean terminal)
            throws InterruptedException {
        Progress progress = new Progress(out, terminal, settings.requests(), summary);
        primaryBreaker(camel, providers).getEventPublisher()
                .onStateTransition(event -> {
                    String change = event.getStateTransition().getFromState() + " -> "
                                    + event.getStateTransition().getToState();
                    summary.transition(change);
                    progress.event("breaker chat: " + change);
                });
        ProviderSimulator primary = providers.simulatedPrimary();
        AtomicBoolean outageStarted = new AtomicBoolean();
        ProducerTemplate template = camel.createProducerTemplate();
        ExecutorService clients = Executors.newFixedThreadPool(settings.concurrency());
        long start = System.nanoTime();
        for (int i = 0; i < settings.requests(); i++) {
            int index = i;
            clients.submit(() -> {
                if (primary != null && index >= settings.outageAt() && outageStarted.compareAndSet(false, true)) {
                    primary.downFor(settings.outage(), Reply.json(503, OVERLOADED));
                    progress.event("simulated OpenAI goes down for " + settings.outage().toSeconds() + " s (HTTP 503)");
                }
                summary.add(ask(template, index));
                progress.render();
            });
        }
        clients.shutdown();
        clients.awaitTermination(1, TimeUnit.HOURS);
        progress.finish();
        summary.print(out, settings.concurrency(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /**
     * The circuit breaker of the chat route's OpenAI target: the failover step keeps one resilience4j breaker per
     * target, by target name ({@code <provider>/<model>} of its endpoint).
     */
    private static CircuitBreaker primaryBreaker(CamelContext camel, Providers providers) {
        InferenceFailover step = CircuitBreakers.failoverStep(camel.getRoute("chat"));
        return step.getCircuitBreakers().get(providers.primaryProvider() + "/" + providers.model());
    }

    private static Outcome ask(ProducerTemplate template, int index) {
        long start = System.nanoTime();
        Exchange result = template.request("direct:chat", e -> e.getMessage()
                .setBody("Request " + index + ": classify this support ticket in one word: 'my refund has not arrived'"));
        long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Message m = result.getMessage();
        if (result.getException() != null) {
            return new Outcome(
                    index, null, null, false, 0, 0, 0, latency,
                    result.getException().getClass().getSimpleName());
        }
        return new Outcome(
                index, m.getHeader(InferenceConstants.PROVIDER, String.class),
                m.getHeader(InferenceConstants.BACKEND, String.class),
                Boolean.TRUE.equals(m.getHeader("CamelInferenceFallbackUsed", Boolean.class)),
                m.getHeader(InferenceConstants.ATTEMPTS, 1, Integer.class),
                m.getHeader(InferenceConstants.PROMPT_TOKENS, 0, Integer.class),
                m.getHeader(InferenceConstants.COMPLETION_TOKENS, 0, Integer.class), latency, null);
    }

    /** One pass over the other building blocks: the content-based router and the load balancers. */
    private static void tour(CamelContext camel, Providers providers, PrintStream out) {
        ProducerTemplate template = camel.createProducerTemplate();
        out.println("\nOther building blocks (routes/routing.yaml, routes/load-balancing.yaml,"
                    + " routes/model-lifecycle.yaml):");
        for (Map.Entry<String, String> header : Map.of("region", "eu", "needsJson", "true", "tier", "premium")
                .entrySet()) {
            Exchange r = template.request("direct:ask", e -> {
                e.getMessage().setBody("Hello");
                e.getMessage().setHeader(header.getKey(), header.getValue());
            });
            out.printf("  choice   %-20s -> %s%n", header.getKey() + "=" + header.getValue(), answeredBy(r));
        }
        Exchange longPrompt = template.request("direct:ask", e -> e.getMessage().setBody("word ".repeat(500)));
        out.printf("  choice   %-20s -> %s%n", "2500-char prompt", answeredBy(longPrompt));
        out.printf("  choice   %-20s -> %s%n", "anything else",
                answeredBy(template.request("direct:ask", e -> e.getMessage().setBody("Hi"))));

        Map<String, Integer> spread = new TreeMap<>();
        for (int i = 0; i < 8; i++) {
            spread.merge(answeredBy(template.request("direct:spread", e -> e.getMessage().setBody("Hi"))), 1,
                    Integer::sum);
        }
        out.printf("  weighted 3:1 over 8 calls     -> %s%n", spread);
        List<String> turns = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            turns.add(answeredBy(template.request("direct:round-robin", e -> e.getMessage().setBody("Hi"))));
        }
        out.printf("  round robin over 4 calls      -> %s%n", turns);
        ProviderSimulator primary = providers.simulatedPrimary();
        if (primary != null) {
            primary.downFor(Duration.ofSeconds(2), Reply.json(503, OVERLOADED));
            out.printf("  failover chain, OpenAI down   -> %s%n",
                    answeredBy(template.request("direct:failover-chain", e -> e.getMessage().setBody("Hi"))));
            primary.always(Reply.answer());
            // the shutdown day, staged: the configured model is gone (404 model_not_found), and its successor
            // refuses the reasoning effort the routes ask for, as OpenAI's newer models refuse "minimal"
            primary.retire(providers.model());
            primary.refuseValue(providers.successorModel(), "reasoning_effort", "minimal", "none", "low", "medium",
                    "high");
        }
        Exchange retired = template.request("direct:retired-model", e -> e.getMessage().setBody("Hi"));
        Object substituted = retired.getMessage().getHeader(InferenceConstants.MODEL_SUBSTITUTED);
        out.printf("  %-29s -> %s%n", primary != null ? providers.model() + " retired" : "model lifecycle route",
                retired.getException() != null
                        ? answeredBy(retired)
                        : "openai/" + retired.getMessage().getHeader(InferenceConstants.RESPONSE_MODEL)
                          + (substituted == null ? "" : " (its successor, in place of " + substituted + ")"));
    }

    private static String answeredBy(Exchange exchange) {
        if (exchange.getException() != null) {
            return "failed: " + exchange.getException().getMessage();
        }
        return exchange.getMessage().getHeader(InferenceConstants.PROVIDER) + "/"
               + exchange.getMessage().getHeader(InferenceConstants.BACKEND);
    }
}

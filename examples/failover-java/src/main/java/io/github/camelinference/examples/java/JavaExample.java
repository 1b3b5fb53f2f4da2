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
package io.github.camelinference.examples.java;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.camelinference.camel.inference.routes.CircuitBreakers;
import io.github.camelinference.camel.inference.routes.failover.FailoverConstants;
import io.github.camelinference.camel.inference.routes.failover.InferenceFailover;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * Runs {@link FailoverRoutes} with Camel Main against two simulators, and shows each request's answerer while the
 * simulated OpenAI goes down and comes back:
 * {@code mvn -q -pl examples/failover-java -am install -DskipTests && mvn -q -pl examples/failover-java exec:java}.
 */
public final class JavaExample {

    private JavaExample() {
    }

    /** The endpoint URIs the routes use, pointing at the given base URLs. */
    static Map<String, String> endpointProperties(String openaiUrl, String openaiKey, String hfUrl, String hfKey) {
        String openai = "inference:openai?baseUrl=" + openaiUrl + "&apiKey=RAW(" + openaiKey + ")&model=gpt-5-mini"
                        + "&reasoningEffort=minimal&requestTimeout=5s";
        String hf = "inference:huggingface?baseUrl=" + hfUrl + "&apiKey=RAW(" + hfKey + ")&model=openai/gpt-oss-120b"
                    + "&requestTimeout=5s&routerPolicy=";
        Map<String, String> p = new LinkedHashMap<>();
        p.put("openai.uri", openai);
        p.put("openai.json.uri", openai + "&responseFormat=json_object");
        p.put("hf.uri", hf + "fastest");
        p.put("hf.cheapest.uri", hf + "cheapest");
        p.put("hf.eu.uri", hf + "nebius");
        p.put("hf.groq.uri", hf + "groq");
        p.put("hf.together.uri", hf + "together");
        return p;
    }

    public static void main(String[] args) throws Exception {
        try (ProviderSimulator openai = ProviderSimulator.start(Flavour.OPENAI);
             ProviderSimulator hf = ProviderSimulator.start(Flavour.HUGGINGFACE)) {
            Main main = new Main();
            main.configure().addRoutesBuilder(new FailoverRoutes());
            endpointProperties(openai.baseUrl(), "sk-simulated", hf.baseUrl(), "hf_simulated")
                    .forEach(main::addInitialProperty);
            main.addMainListener(new MainListenerSupport() {
                @Override
                public void afterStart(BaseMainSupport started) {
                    new Thread(() -> {
                        try {
                            run(started.getCamelContext(), openai);
                        } finally {
                            main.completed();
                        }
                    }, "example-traffic").start();
                }
            });
            main.run();
        }
    }

    private static void run(CamelContext camel, ProviderSimulator openai) {
        ProducerTemplate template = camel.createProducerTemplate();
        InferenceFailover failover = CircuitBreakers.failoverStep(camel.getRoute("chat"));
        for (int i = 1; i <= 30; i++) {
            if (i == 8) {
                openai.downFor(Duration.ofSeconds(3), Reply.json(503, "{\"error\":{\"message\":\"overloaded\"}}"));
                System.out.println("-- simulated OpenAI down for 3 s --");
            }
            int n = i;
            Exchange r = template.request("direct:chat", e -> e.getMessage().setBody("Question " + n));
            System.out.printf("%2d  %-12s fallback=%-5s attempts=%s  breakers %s%n", i,
                    r.getException() != null ? "failed" : r.getMessage().getHeader(InferenceConstants.PROVIDER),
                    r.getMessage().getHeader(FailoverConstants.FALLBACK_USED),
                    r.getMessage().getHeader(InferenceConstants.ATTEMPTS), failover.getBreakerStates());
            sleep(200);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

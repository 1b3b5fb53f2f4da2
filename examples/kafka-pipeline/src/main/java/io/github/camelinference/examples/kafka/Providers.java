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
package io.github.camelinference.examples.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.github.camelinference.simulator.FaultMix;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;

/**
 * Where the pipeline's two providers are. A base URL given as a property ({@code -Dopenai.baseUrl=...},
 * {@code -Dhf.baseUrl=...}) wins; else the real service when {@code OPENAI_API_KEY} / {@code HF_TOKEN} is set; else a
 * simulator on loopback. The keys never pass through here: the routes read them with {@code {{env:...}}}.
 */
final class Providers implements AutoCloseable {

    private final ProviderSimulator openai;
    private final ProviderSimulator huggingface;
    private final Map<String, String> properties;

    private Providers(ProviderSimulator openai, ProviderSimulator huggingface, Map<String, String> properties) {
        this.openai = openai;
        this.huggingface = huggingface;
        this.properties = properties;
    }

    static Providers resolve(Function<String, String> env, Function<String, String> sysProps) {
        return resolve(env, sysProps, System.getProperty("simulator.faults"));
    }

    static Providers resolve(Function<String, String> env, Function<String, String> sysProps, String faultShares) {
        Reply realistic = Reply.answer().delayedBetween(Duration.ofMillis(20), Duration.ofMillis(80))
                .paced(Duration.ofMillis(2));
        FaultMix faults = faults(faultShares);
        Map<String, String> p = new LinkedHashMap<>();
        ProviderSimulator openai = null;
        ProviderSimulator huggingface = null;
        if (sysProps.apply("openai.baseUrl") == null) {
            if (isSet(env.apply("OPENAI_API_KEY"))) {
                p.put("openai.baseUrl", "https://api.openai.com/v1");
                p.put("openai.apiKey", "{{env:OPENAI_API_KEY}}");
            } else {
                openai = ProviderSimulator.start(Flavour.OPENAI).recording(false).always(realistic).faults(faults);
                p.put("openai.baseUrl", openai.baseUrl());
                p.put("openai.apiKey", "sk-simulated");
            }
        }
        if (sysProps.apply("hf.baseUrl") == null) {
            if (isSet(env.apply("HF_TOKEN"))) {
                p.put("hf.baseUrl", "https://router.huggingface.co/v1");
                p.put("hf.apiKey", "{{env:HF_TOKEN}}");
            } else {
                huggingface = ProviderSimulator.start(Flavour.HUGGINGFACE).recording(false).always(realistic)
                        .faults(faults);
                p.put("hf.baseUrl", huggingface.baseUrl());
                p.put("hf.apiKey", "hf_simulated");
            }
        }
        p.putIfAbsent("openai.apiKey", "sk-simulated");
        p.putIfAbsent("hf.apiKey", "hf_simulated");
        String model = env.apply("OPENAI_MODEL");
        p.put("openai.model", isSet(model) ? model.trim() : "gpt-5-mini");
        p.put("hf.model", "openai/gpt-oss-120b");
        // a property given with -D overrides these (Camel reads system properties before initial ones)
        p.keySet().removeIf(name -> sysProps.apply(name) != null);
        return new Providers(openai, huggingface, p);
    }

    /**
     * The simulators' fault mix from {@code -Dsimulator.faults=429=0.05,5xx=0.05,cut=0.04} (Retry-After 1 s, seed 42),
     * to watch the pipeline under faults offline; none by default.
     */
    private static FaultMix faults(String shares) {
        if (!isSet(shares)) {
            return null;
        }
        FaultMix mix = FaultMix.seeded(42);
        for (String entry : shares.split(",")) {
            String[] pair = entry.trim().split("=");
            double share = Double.parseDouble(pair[1]);
            switch (pair[0]) {
                case "429" -> mix.rateLimited(share, Duration.ofSeconds(1));
                case "5xx" -> mix.serverErrors(share);
                case "cut" -> mix.cutStreams(share);
                default -> throw new IllegalArgumentException(
                        "simulator.faults: unknown fault " + pair[0]
                                                              + "; faults: 429, 5xx, cut");
            }
        }
        return mix;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    /** Property placeholders the YAML routes use. */
    Map<String, String> properties() {
        return properties;
    }

    String describe() {
        return "primary  OpenAI " + (openai != null
                ? "simulated at " + openai.baseUrl()
                : properties.getOrDefault("openai.baseUrl", "(from -Dopenai.baseUrl)"))
               + "\n"
               + "fallback HF router " + (huggingface != null
                       ? "simulated at " + huggingface.baseUrl()
                       : properties.getOrDefault("hf.baseUrl", "(from -Dhf.baseUrl)"));
    }

    @Override
    public void close() {
        if (openai != null) {
            openai.close();
        }
        if (huggingface != null) {
            huggingface.close();
        }
    }
}

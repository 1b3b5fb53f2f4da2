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
package io.github.camelinference.camel.inference.gateway;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;

/**
 * The demo's providers, when no {@code gateway.provider.*} is configured: the real services when {@code OPENAI_API_KEY}
 * / {@code HF_TOKEN} are set, otherwise simulators on loopback. Keys never pass through here: the demo's routes
 * ({@code demo/models.yaml}) read them with {@code {{env:...}}}.
 */
public final class Providers implements AutoCloseable {

    private final ProviderSimulator openai;
    private final ProviderSimulator huggingface;

    private Providers(ProviderSimulator openai, ProviderSimulator huggingface) {
        this.openai = openai;
        this.huggingface = huggingface;
    }

    public static Providers fromEnvironment(Function<String, String> env) {
        Reply realistic = Reply.answer().delayedBetween(Duration.ofMillis(20), Duration.ofMillis(80))
                .paced(Duration.ofMillis(15));
        ProviderSimulator openai = isSet(env.apply("OPENAI_API_KEY"))
                ? null
                : ProviderSimulator.start(Flavour.OPENAI).always(realistic);
        ProviderSimulator huggingface = isSet(env.apply("HF_TOKEN"))
                ? null
                : ProviderSimulator.start(Flavour.HUGGINGFACE).always(realistic);
        return new Providers(openai, huggingface);
    }

    /** Two simulators the caller scripts (tests). */
    public static Providers simulated(ProviderSimulator openai, ProviderSimulator huggingface) {
        return new Providers(openai, huggingface);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    /** Property placeholders the YAML routes use. */
    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("openai.baseUrl", openai == null ? "https://api.openai.com/v1" : openai.baseUrl());
        p.put("openai.apiKey", openai == null ? "{{env:OPENAI_API_KEY}}" : "sk-simulated");
        p.put("openai.model", "gpt-5-mini");
        p.put("hf.baseUrl", huggingface == null ? "https://router.huggingface.co/v1" : huggingface.baseUrl());
        p.put("hf.apiKey", huggingface == null ? "{{env:HF_TOKEN}}" : "hf_simulated");
        p.put("hf.model", "openai/gpt-oss-120b");
        return p;
    }

    String describe() {
        return "smart: OpenAI gpt-5-mini " + (openai == null
                ? "(api.openai.com)" : "(simulated at " + openai.baseUrl()
                                       + ")")
               + ", then the HF router; cheap: HF router gpt-oss-120b " + (huggingface == null
                       ? "(router.huggingface.co)" : "(simulated at " + huggingface.baseUrl() + ")");
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

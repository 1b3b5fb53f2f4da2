package io.github.camelinference.examples.failover;

import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Where the example's two providers are: the real services when {@code OPENAI_API_KEY} / {@code HF_TOKEN} are set,
 * otherwise simulators on loopback. The keys themselves never pass through here: the routes read them with
 * {@code {{env:...}}} placeholders.
 */
final class Providers implements AutoCloseable {

    private final ProviderSimulator openai;
    private final ProviderSimulator huggingface;

    private Providers(ProviderSimulator openai, ProviderSimulator huggingface) {
        this.openai = openai;
        this.huggingface = huggingface;
    }

    static Providers fromEnvironment(Function<String, String> env) {
        Reply realistic = Reply.answer().delayedBetween(Duration.ofMillis(20), Duration.ofMillis(80));
        ProviderSimulator openai = isSet(env.apply("OPENAI_API_KEY")) ? null
                : ProviderSimulator.start(Flavour.OPENAI).always(realistic);
        ProviderSimulator huggingface = isSet(env.apply("HF_TOKEN")) ? null
                : ProviderSimulator.start(Flavour.HUGGINGFACE).always(realistic);
        return new Providers(openai, huggingface);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    /** Property placeholders the YAML routes use. */
    Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("openai.baseUrl", openai == null ? "https://api.openai.com/v1" : openai.baseUrl());
        p.put("openai.apiKey", openai == null ? "{{env:OPENAI_API_KEY}}" : "sk-simulated");
        p.put("openai.model", "gpt-5-mini");
        p.put("hf.baseUrl", huggingface == null ? "https://router.huggingface.co/v1" : huggingface.baseUrl());
        p.put("hf.apiKey", huggingface == null ? "{{env:HF_TOKEN}}" : "hf_simulated");
        p.put("hf.model", "openai/gpt-oss-120b");
        p.put("hf.euBackend", "nebius");
        return p;
    }

    /** The simulated OpenAI, whose outage the example stages; null when the real service is used. */
    ProviderSimulator simulatedPrimary() {
        return openai;
    }

    boolean anyReal() {
        return openai == null || huggingface == null;
    }

    String describe() {
        return "primary  OpenAI gpt-5-mini        " + (openai == null ? "api.openai.com (OPENAI_API_KEY)"
                : "simulated at " + openai.baseUrl()) + "\n"
               + "fallback HF router gpt-oss-120b   " + (huggingface == null ? "router.huggingface.co (HF_TOKEN)"
                : "simulated at " + huggingface.baseUrl());
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

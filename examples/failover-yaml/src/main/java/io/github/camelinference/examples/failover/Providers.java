package io.github.camelinference.examples.failover;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;

/**
 * Where the example's two providers are: the real services when {@code OPENAI_API_KEY} / {@code HF_TOKEN} are set,
 * otherwise simulators on loopback. The keys themselves never pass through here: the routes read them with
 * {@code {{env:...}}} placeholders. The OpenAI model is one variable away: {@code OPENAI_MODEL} (default gpt-5-mini,
 * which OpenAI shuts down on 2026-12-11), and {@code OPENAI_SUCCESSOR_MODEL} names the model that takes over from
 * gpt-5-mini once it is retired (application.properties: {@code modelSuccessors}).
 */
final class Providers implements AutoCloseable {

    /** The model the example calls on OpenAI unless OPENAI_MODEL names another. */
    static final String DEFAULT_MODEL = "gpt-5-mini";
    /**
     * The model that takes over from gpt-5-mini once it is retired, unless OPENAI_SUCCESSOR_MODEL names another: the
     * replacement OpenAI recommends on its deprecations page (developers.openai.com/api/docs/deprecations, read on
     * 2026-12-05: gpt-5-mini and gpt-5-mini-2025-08-07 shut down on 2026-12-11, replacement gpt-6.1-terra).
     */
    static final String DEFAULT_SUCCESSOR_MODEL = "gpt-6.1-terra";

    private final ProviderSimulator openai;
    private final ProviderSimulator huggingface;
    private final String model;
    private final String successorModel;

    private Providers(ProviderSimulator openai, ProviderSimulator huggingface, String model, String successorModel) {
        this.openai = openai;
        this.huggingface = huggingface;
        this.model = model;
        this.successorModel = successorModel;
    }

    static Providers fromEnvironment(Function<String, String> env) {
        Reply realistic = Reply.answer().delayedBetween(Duration.ofMillis(20), Duration.ofMillis(80));
        ProviderSimulator openai = isSet(env.apply("OPENAI_API_KEY")) ? null
                : ProviderSimulator.start(Flavour.OPENAI).always(realistic);
        ProviderSimulator huggingface = isSet(env.apply("HF_TOKEN")) ? null
                : ProviderSimulator.start(Flavour.HUGGINGFACE).always(realistic);
        return new Providers(openai, huggingface, orDefault(env.apply("OPENAI_MODEL"), DEFAULT_MODEL),
                orDefault(env.apply("OPENAI_SUCCESSOR_MODEL"), DEFAULT_SUCCESSOR_MODEL));
    }

    private static String orDefault(String value, String otherwise) {
        return isSet(value) ? value.trim() : otherwise;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    /** Property placeholders the YAML routes use. */
    Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("openai.baseUrl", openai == null ? "https://api.openai.com/v1" : openai.baseUrl());
        p.put("openai.apiKey", openai == null ? "{{env:OPENAI_API_KEY}}" : "sk-simulated");
        p.put("openai.model", model);
        p.put("openai.successorModel", successorModel);
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

    String model() {
        return model;
    }

    String successorModel() {
        return successorModel;
    }

    boolean anyReal() {
        return openai == null || huggingface == null;
    }

    String describe() {
        return String.format("primary  OpenAI %-17s ", model) + (openai == null ? "api.openai.com (OPENAI_API_KEY)"
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

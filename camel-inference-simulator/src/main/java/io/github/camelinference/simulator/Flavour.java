package io.github.camelinference.simulator;

/** Which real service the simulator impersonates: it changes model names, usage details and response headers. */
public enum Flavour {
    /** api.openai.com: dated model ids, usage with cached and reasoning token details, {@code x-request-id}. */
    OPENAI,
    /**
     * router.huggingface.co: the {@code :policy} or {@code :backend} suffix is stripped from the model id, and the
     * backend that served is named in {@code x-inference-provider}.
     */
    HUGGINGFACE
}

package io.github.camelinference.benchmark;

import java.util.concurrent.CompletableFuture;

/** One way of calling the chat-completions endpoint, as a benchmark contestant. */
interface Client extends AutoCloseable {

    String name();

    /**
     * Starts one call.
     *
     * @return completes when the whole answer is in, with the nanoTime at which its first token arrived
     */
    CompletableFuture<Long> call(String prompt);

    @Override
    default void close() throws Exception {
    }
}

package io.github.camelinference.camel.inference.chat;

/**
 * The text a message or a stream delta carries, sorted by what it is: answer text, reasoning text, refusal. Each is
 * null when absent.
 */
public record MessageText(String content, String reasoning, String refusal) {

    static final MessageText NONE = new MessageText(null, null, null);

    /** Whether it carries no text of any kind. */
    public boolean isEmpty() {
        return content == null && reasoning == null && refusal == null;
    }
}

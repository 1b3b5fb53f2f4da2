package io.github.camelinference.camel.inference.error;

/**
 * What an error message may quote of provider content: at most 200 characters, on one line. A provider can send
 * megabytes (a body, a refusal, a tool-call array); an error message that carries them all is unreadable in a log and
 * heavy on every exchange that keeps it.
 */
public final class Excerpt {

    /** The most characters of provider content an error message quotes. */
    public static final int MAX = 200;

    private Excerpt() {
    }

    /** @return at most {@link #MAX} characters of the text, whitespace runs as one space, with … when cut */
    public static String of(String text) {
        if (text == null) {
            return "";
        }
        String head = text.length() > 2 * MAX ? text.substring(0, 2 * MAX) : text; // why: texts can be megabytes
        String oneLine = head.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX && head.length() == text.length() ? oneLine
                : oneLine.substring(0, Math.min(MAX, oneLine.length())) + "…";
    }
}

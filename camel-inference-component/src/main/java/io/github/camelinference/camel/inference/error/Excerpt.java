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
        return oneLine.length() <= MAX && head.length() == text.length()
                ? oneLine
                : oneLine.substring(0, Math.min(MAX, oneLine.length())) + "…";
    }
}

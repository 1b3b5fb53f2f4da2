package io.github.camelinference.camel.inference.springboot;

import io.github.camelinference.camel.inference.CallObserver;
import io.github.camelinference.camel.inference.chat.CallInfo;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.error.ErrorKind;
import io.github.camelinference.camel.inference.error.InferenceException;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Judges each provider by the calls the application really makes (no probe traffic, no cost): a provider whose last
 * {@value #UNREACHABLE_AFTER} calls in a row could not reach it — refused, reset, timed out, 5xx — is unreachable
 * until a call succeeds again.
 */
public class ProviderReachability implements CallObserver {

    static final int UNREACHABLE_AFTER = 3;
    private static final Set<ErrorKind> NOT_REACHED = EnumSet.of(ErrorKind.CONNECTION_FAILED, ErrorKind.TIMEOUT,
            ErrorKind.PROVIDER_UNAVAILABLE, ErrorKind.STREAM_INTERRUPTED);

    /** What is known of one provider. */
    public record State(int failuresInARow, Instant lastAnswer, String lastError) {

        public boolean reachable() {
            return failuresInARow < UNREACHABLE_AFTER;
        }
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();

    @Override
    public void onAnswer(String provider, String requestModel, ChatResponse response, CallInfo info) {
        states.put(provider, new State(0, Instant.now(), null));
    }

    @Override
    public void onError(String provider, String requestModel, InferenceException error, long latencyMillis) {
        if (NOT_REACHED.contains(error.getKind())) {
            states.compute(provider, (name, old) -> new State(old == null ? 1 : old.failuresInARow() + 1,
                    old == null ? null : old.lastAnswer(), error.getKind().name()));
        }
    }

    public Map<String, State> states() {
        return new TreeMap<>(states);
    }
}

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
package io.github.camelinference.camel.inference.routes.failover;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeExtension;
import org.apache.camel.Message;

/**
 * The winning attempt's result into the caller's exchange: what Camel's {@code ExchangeHelper.copyResults} does (the
 * message, the properties, the exchange's state and exception), for less.
 * <p>
 * Why not {@code copyResults}: it puts every property of the attempt into the caller's map, though all but the few the
 * attempt set are the caller's own, and {@code ConcurrentHashMap.putAll} resizes the caller's map for them on every
 * call; and it copies the message's headers once more into a new message, though the attempt's copy is thrown away.
 */
final class AttemptResult {

    private AttemptResult() {
    }

    /**
     * @param attempt     the winning attempt's exchange
     * @param moveMessage whether the caller takes the attempt's message itself (nothing reads the attempt after this);
     *                    otherwise it gets a copy of it
     */
    @SuppressWarnings("deprecation") // why setOut/getOut: the answer goes where copyResults puts it, so getIn() keeps the request
    static void handOver(Exchange caller, Exchange attempt, boolean moveMessage) {
        Message answer = attempt.getMessage();
        // where copyResults puts it: an attempt's out, or any answer of an in-out exchange, is the caller's out
        boolean toOut = attempt.hasOut() || caller.getPattern().isOutCapable();
        if (moveMessage) {
            if (toOut) {
                caller.setOut(answer);
            } else {
                caller.setIn(answer);
            }
        } else if (toOut) {
            caller.getOut().copyFrom(answer);
        } else {
            caller.getIn().copyFrom(answer);
        }
        if (!toOut && caller.hasOut()) {
            caller.setOut(null);
        }
        if (attempt.hasProperties()) {
            // the same as putAll, as a put of the value already there changes nothing
            Map<String, Object> mine = caller.getProperties();
            for (Map.Entry<String, Object> property : attempt.getProperties().entrySet()) {
                if (mine.get(property.getKey()) != property.getValue()) {
                    mine.put(property.getKey(), property.getValue());
                }
            }
        }
        ExchangeExtension from = attempt.getExchangeExtension();
        ExchangeExtension to = caller.getExchangeExtension();
        from.copyInternalProperties(caller);
        from.copySafeCopyPropertiesTo(to);
        caller.setRouteStop(attempt.isRouteStop());
        caller.setRollbackOnly(attempt.isRollbackOnly());
        caller.setRollbackOnlyLast(attempt.isRollbackOnlyLast());
        to.setNotifyEvent(from.isNotifyEvent());
        to.setRedeliveryExhausted(from.isRedeliveryExhausted());
        to.setErrorHandlerHandled(from.getErrorHandlerHandled());
        to.setFailureHandled(from.isFailureHandled());
        caller.setException(attempt.getException());
    }
}

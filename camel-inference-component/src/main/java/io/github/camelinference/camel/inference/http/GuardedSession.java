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
package io.github.camelinference.camel.inference.http;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.util.concurrent.locks.Lock;

import org.apache.hc.core5.function.Decorator;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.Command;
import org.apache.hc.core5.reactor.IOEventHandler;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps each I/O session of the component's HTTP clients (HttpClient's session decorator) for two things HttpClient 5
 * does not do by itself. It logs nothing: HttpClient's own decorator would write every byte, the key included, to its
 * wire log.
 * <ul>
 * <li>A gate on reads. A response consumer that gives no more capacity makes HttpClient stop watching the socket, but
 * an HTTP/1.1 body in chunks is read on from inside the same event for as long as the socket has data (the chunk
 * decoder refills its buffer at every chunk head), so a provider that sends faster than its reader is never slowed
 * down. While a call keeps the gate of its session closed, a read returns nothing, as a socket without data does:
 * HttpClient's loop ends with what it has buffered, and TCP holds the provider back until the call opens it again.</li>
 * <li>Containment. Whatever the session's event handler throws, an {@code Error} included (an {@code OutOfMemoryError}
 * in HttpClient's own code, a TLS trust manager's failure), ends that session: HttpClient fails its exchange and closes
 * it. Left alone, the {@code Error} would end the I/O thread, and with it every other connection that thread
 * serves.</li>
 * </ul>
 */
public final class GuardedSession implements IOSession {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedSession.class);

    /** The session whose input the current thread is handling: the one a response consumer called now reads from. */
    private static final ThreadLocal<GuardedSession> HANDLING = new ThreadLocal<>();

    private final IOSession session;
    private volatile boolean gateClosed;
    private volatile IOEventHandler wrapped;
    private volatile IOEventHandler guarded;

    private GuardedSession(IOSession session) {
        this.session = session;
    }

    /** The decorator a client is built with. */
    public static Decorator<IOSession> decorator() {
        return GuardedSession::new;
    }

    /** The session whose input this thread is handling now, or null outside of one. */
    static GuardedSession handling() {
        return HANDLING.get();
    }

    /** From now on reads return nothing, until {@link #openGate()}. */
    void closeGate() {
        gateClosed = true;
    }

    /** Reads go to the socket again. */
    void openGate() {
        gateClosed = false;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return gateClosed ? 0 : session.read(dst);
    }

    @Override
    public IOEventHandler getHandler() {
        IOEventHandler handler = session.getHandler();
        if (handler == null) {
            return null;
        }
        if (handler != wrapped) {
            guarded = new Guarded(handler);
            wrapped = handler;
        }
        return guarded;
    }

    /** The session's event handler, run so that nothing it throws ends the I/O thread. */
    private final class Guarded implements IOEventHandler {

        private final IOEventHandler handler;

        Guarded(IOEventHandler handler) {
            this.handler = handler;
        }

        @Override
        public void connected(IOSession protocolSession) throws IOException {
            contain(() -> handler.connected(protocolSession));
        }

        @Override
        public void inputReady(IOSession protocolSession, ByteBuffer src) throws IOException {
            GuardedSession outer = HANDLING.get();
            HANDLING.set(GuardedSession.this);
            try {
                contain(() -> handler.inputReady(protocolSession, src));
            } finally {
                HANDLING.set(outer);
            }
        }

        @Override
        public void outputReady(IOSession protocolSession) throws IOException {
            contain(() -> handler.outputReady(protocolSession));
        }

        @Override
        public void timeout(IOSession protocolSession, Timeout timeout) throws IOException {
            contain(() -> handler.timeout(protocolSession, timeout));
        }

        @Override
        public void exception(IOSession protocolSession, Exception cause) {
            closeOnFailure(() -> handler.exception(protocolSession, cause));
        }

        @Override
        public void disconnected(IOSession protocolSession) {
            closeOnFailure(() -> handler.disconnected(protocolSession));
        }
    }

    /** One call into the session's event handler. */
    @FunctionalInterface
    private interface HandlerEvent {
        void run() throws IOException;
    }

    /** Runs an event; an Error it throws fails only this session (HttpClient closes it on the IOException). */
    private static void contain(HandlerEvent event) throws IOException {
        try {
            event.run();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw contained(e);
        }
    }

    /** Runs an event that may not throw at all (HttpClient is closing the session): whatever it throws closes it. */
    private void closeOnFailure(HandlerEvent event) {
        try {
            event.run();
        } catch (Throwable e) {
            closeAfter(e);
        }
    }

    /**
     * What replaces an Error the handler threw: an IOException, which HttpClient handles by failing the session's
     * exchange with it and closing the session.
     */
    private static ContainedFailure contained(Throwable failure) {
        try {
            LOG.warn("An HTTP connection failed with {}; it is closed and its call fails, the I/O thread goes on",
                    failure.toString());
            return new ContainedFailure(failure);
        } catch (Throwable again) {
            return ContainedFailure.PREALLOCATED;
        }
    }

    private void closeAfter(Throwable failure) {
        try {
            LOG.warn("An HTTP connection failed with {} while closing; it is closed, the I/O thread goes on",
                    failure.toString());
            session.close(CloseMode.IMMEDIATE);
        } catch (Throwable again) {
            // nothing more to do for this connection
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return session.write(src);
    }

    @Override
    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void close() {
        session.close();
    }

    @Override
    public void close(CloseMode closeMode) {
        session.close(closeMode);
    }

    @Override
    public String getId() {
        return session.getId();
    }

    @Override
    public void upgrade(IOEventHandler handler) {
        session.upgrade(handler);
    }

    @Override
    public Lock getLock() {
        return session.getLock();
    }

    @Override
    public void enqueue(Command command, Command.Priority priority) {
        session.enqueue(command, priority);
    }

    @Override
    public boolean hasCommands() {
        return session.hasCommands();
    }

    @Override
    public Command poll() {
        return session.poll();
    }

    @Override
    public ByteChannel channel() {
        return session.channel();
    }

    @Override
    public SocketAddress getRemoteAddress() {
        return session.getRemoteAddress();
    }

    @Override
    public SocketAddress getLocalAddress() {
        return session.getLocalAddress();
    }

    @Override
    public int getEventMask() {
        return session.getEventMask();
    }

    @Override
    public void setEventMask(int ops) {
        session.setEventMask(ops);
    }

    @Override
    public void setEvent(int op) {
        session.setEvent(op);
    }

    @Override
    public void clearEvent(int op) {
        session.clearEvent(op);
    }

    @Override
    public Status getStatus() {
        return session.getStatus();
    }

    @Override
    public Timeout getSocketTimeout() {
        return session.getSocketTimeout();
    }

    @Override
    public void setSocketTimeout(Timeout timeout) {
        session.setSocketTimeout(timeout);
    }

    @Override
    public long getLastReadTime() {
        return session.getLastReadTime();
    }

    @Override
    public long getLastWriteTime() {
        return session.getLastWriteTime();
    }

    @Override
    public long getLastEventTime() {
        return session.getLastEventTime();
    }

    @Override
    public void updateReadTime() {
        session.updateReadTime();
    }

    @Override
    public void updateWriteTime() {
        session.updateWriteTime();
    }

    @Override
    public String toString() {
        return session.toString();
    }
}

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
package io.github.camelinference.camel.inference;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP CONNECT proxy on loopback for tests: it opens tunnels, optionally only for requests that carry the expected
 * {@code Proxy-Authorization} (Basic), and records what it was asked.
 */
final class ConnectProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String expectedAuthorization;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    /** The targets of the tunnels it opened, e.g. {@code 127.0.0.1:41234}. */
    final List<String> tunnels = new CopyOnWriteArrayList<>();
    /** How many CONNECT requests it answered 407. */
    final List<String> refused = new CopyOnWriteArrayList<>();

    /** @param expectedAuthorization the exact Proxy-Authorization value to require, or null for an open proxy */
    ConnectProxy(String expectedAuthorization) throws IOException {
        this.expectedAuthorization = expectedAuthorization;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "connect-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                Thread handler = new Thread(() -> handle(client), "connect-proxy-client");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    client.close();
                    return;
                }
                String[] lines = head.split("\r\n");
                String[] requestLine = lines[0].split(" ");
                if (!"CONNECT".equals(requestLine[0])) {
                    out.write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n".getBytes(
                            StandardCharsets.US_ASCII));
                    continue;
                }
                String authorization = null;
                for (String line : lines) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("proxy-authorization:")) {
                        authorization = line.substring(line.indexOf(':') + 1).trim();
                    }
                }
                if (expectedAuthorization != null && !expectedAuthorization.equals(authorization)) {
                    refused.add(requestLine[1]);
                    out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\""
                               + "\r\nContent-Length: 0\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    continue;
                }
                String[] target = requestLine[1].split(":");
                Socket upstream = new Socket(target[0], Integer.parseInt(target[1]));
                sockets.add(upstream);
                tunnels.add(requestLine[1]);
                out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread back = new Thread(() -> pump(upstream, client), "connect-proxy-back");
                back.setDaemon(true);
                back.start();
                pump(client, upstream);
                return;
            }
        } catch (IOException gone) {
            // the client or the target went away: the tunnel ends
        }
    }

    /** The request head up to the blank line, or null at the end of the stream. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
            if (matched == 4) {
                return head.toString(StandardCharsets.US_ASCII);
            }
        }
        return null;
    }

    private static void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException closed) {
            // one side closed
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}

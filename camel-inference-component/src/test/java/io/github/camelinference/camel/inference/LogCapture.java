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

import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Every logger of every library at TRACE, into memory only: nothing reaches the console, so a secret that leaks cannot
 * reach the test output either. Each event is kept as "logger level message [thrown]".
 */
final class LogCapture extends AbstractAppender {

    /** A wire-log row: session, direction, up to 16 characters, then their bytes in hex. */
    private static final Pattern WIRE_ROW = Pattern.compile("^([^\\[\\s]+)\\S* (>>|<<) .*?((?: ?[0-9a-f]{2}){1,16})$");

    final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

    private LogCapture() {
        super("SecretCanaryCapture", (Filter) null, (Layout<? extends Serializable>) null, false, Property.EMPTY_ARRAY);
    }

    /** Sets every logger, root included, to TRACE into a new capture, and detaches every other appender. */
    static LogCapture everyLoggerAtTrace() {
        LogCapture capture = new LogCapture();
        LoggerContext logging = LoggerContext.getContext(false);
        Configuration config = logging.getConfiguration();
        capture.start();
        config.addAppender(capture);
        List<LoggerConfig> loggers = new ArrayList<>(config.getLoggers().values());
        loggers.add(config.getRootLogger());
        for (LoggerConfig logger : loggers) {
            for (String appender : new ArrayList<>(logger.getAppenders().keySet())) {
                logger.removeAppender(appender);
            }
            logger.addAppender(capture, Level.TRACE, null);
            logger.setLevel(Level.TRACE);
        }
        logging.updateLoggers();
        return capture;
    }

    /** Logging as log4j2-test.xml configures it. */
    static void restore() {
        Configurator.reconfigure();
    }

    @Override
    public void append(LogEvent event) {
        StringBuilder line = new StringBuilder().append(event.getLoggerName()).append(' ').append(event.getLevel())
                .append(' ').append(event.getMessage().getFormattedMessage());
        if (event.getThrown() != null) {
            StringWriter thrown = new StringWriter();
            event.getThrown().printStackTrace(new PrintWriter(thrown));
            line.append(' ').append(thrown);
        }
        lines.add(line.toString());
    }

    /** Every captured line, plus HttpClient's wire log joined and decoded per session and direction. */
    List<String> everything() {
        List<String> all = new ArrayList<>(lines);
        all.addAll(wire());
        return all;
    }

    /** HttpClient's wire log (a hex dump in 16-byte rows), joined and decoded the way a reader would. */
    List<String> wire() {
        Map<String, StringBuilder> streams = new LinkedHashMap<>();
        for (String line : lines) {
            if (!line.startsWith("org.apache.hc.client5.http.wire ")) {
                continue;
            }
            String message = line.substring(line.indexOf(' ', line.indexOf(' ') + 1) + 1);
            Matcher row = WIRE_ROW.matcher(message);
            if (row.matches()) {
                StringBuilder stream = streams.computeIfAbsent(row.group(1) + row.group(2), k -> new StringBuilder());
                for (String hex : row.group(3).trim().split(" ")) {
                    stream.append((char) Integer.parseInt(hex, 16));
                }
            } else {
                streams.computeIfAbsent("other", k -> new StringBuilder()).append(message);
            }
        }
        return streams.values().stream().map(StringBuilder::toString).toList();
    }
}

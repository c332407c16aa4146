package io.github.asr4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The command line's logging. Format: the library logs through {@code System.Logger}
 * (java.util.logging by default); here each record becomes one stderr line, {@code asr4j: message},
 * with the level named only when it is a warning or worse. A logging configuration given with
 * {@code -Djava.util.logging.config.file} is left alone. Level: warnings only, so normal output is
 * the transcript; with {@code --verbose}, the library's INFO lines too (which backend and kernels
 * were chosen).
 */
final class CliLogging {
    private CliLogging() {}

    static void configure() {
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return;
        }
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler console = new ConsoleHandler(); // stderr: stdout carries the transcripts
        console.setFormatter(new OneLine(System.getenv("ASR4J_DEBUG") != null));
        root.addHandler(console);
        warningsOnly();
    }

    static void warningsOnly() {
        setLevel(Level.WARNING);
    }

    static void verbose() {
        setLevel(Level.INFO);
    }

    private static void setLevel(Level level) {
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        for (Handler handler : root.getHandlers()) {
            handler.setLevel(level);
        }
    }

    /** {@code asr4j: [warning: ]message}, plus the stack trace when ASR4J_DEBUG is set. */
    static final class OneLine extends Formatter {
        private final boolean traces;

        OneLine(boolean traces) {
            this.traces = traces;
        }

        @Override
        public String format(LogRecord r) {
            String level = r.getLevel().intValue() >= Level.WARNING.intValue()
                    ? r.getLevel().getName().toLowerCase(java.util.Locale.ROOT) + ": " : "";
            StringBuilder s = new StringBuilder("asr4j: ").append(level).append(formatMessage(r));
            if (r.getThrown() != null) {
                if (traces) {
                    StringWriter w = new StringWriter();
                    r.getThrown().printStackTrace(new PrintWriter(w));
                    s.append(System.lineSeparator()).append(w.toString().stripTrailing());
                } else {
                    s.append(" (").append(r.getThrown()).append(')');
                }
            }
            return s.append(System.lineSeparator()).toString();
        }
    }
}

package io.github.asr4j.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The command line's log level: warnings only, so normal output is the transcript; with
 * {@code --verbose}, the library's INFO lines too (which backend and kernels were chosen).
 */
final class CliLogging {
    private CliLogging() {}

    static void warningsOnly() {
        setLevel(Level.WARNING);
    }

    static void verbose() {
        setLevel(Level.INFO);
    }

    private static void setLevel(Level level) {
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        for (var handler : root.getHandlers()) {
            handler.setLevel(level);
        }
    }
}

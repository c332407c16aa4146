package io.github.asr4j.cli;

/**
 * Whether standard error is a terminal, where progress bars (carriage returns, redraws) belong.
 * The {@code asr4j} launcher tells the JVM through {@code -Dasr4j.stderr.terminal} (it checks
 * {@code [ -t 2 ]}); without it, the JVM's own console check stands in.
 */
final class Terminal {
    private Terminal() {}

    static boolean stderrIsTerminal() {
        String told = System.getProperty("asr4j.stderr.terminal");
        if (told != null) {
            return Boolean.parseBoolean(told);
        }
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }
}

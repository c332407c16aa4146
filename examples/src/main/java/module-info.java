/** The {@code asr4j} command line (picocli). */
module io.github.asr4j.cli {
    requires io.github.asr4j;
    requires io.github.asr4j.loader;
    requires io.github.asr4j.tokenizer;
    requires info.picocli;
    requires me.tongfei.progressbar;
    requires java.logging;                        // the command line's own log format (CliLogging)

    exports io.github.asr4j.cli;
    opens io.github.asr4j.cli to info.picocli;   // picocli sets the annotated option fields reflectively
}

package io.github.asr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class CliLoggingTest {
    @Test
    void recordsBecomeOneLinePrefixedWithTheToolAndTheLevelOnlyWhenItMatters() {
        CliLogging.OneLine f = new CliLogging.OneLine(false);
        LogRecord info = new LogRecord(Level.INFO, "downloading {0} ({1} bytes)");
        info.setParameters(new Object[] {"config.json", 14});
        assertThat(f.format(info)).isEqualTo("asr4j: downloading config.json (14 bytes)" + System.lineSeparator());
        LogRecord warning = new LogRecord(Level.WARNING, "stopped");
        warning.setThrown(new java.io.IOException("cut"));
        assertThat(f.format(warning)).isEqualTo("asr4j: warning: stopped (java.io.IOException: cut)" + System.lineSeparator());
        assertThat(new CliLogging.OneLine(true).format(warning)).contains("at io.github.asr4j.cli.CliLoggingTest");
    }
}

package io.github.asr4j.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NativeProcessTest {
    private static final Path SH = Path.of("/bin/sh");

    @Test
    void aProgramKilledBySigillIsNamedSoWithHowToRebuild() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> NativeProcess.run(List.of(SH.toString(), "-c", "kill -ILL $$"), Map.of(), "probe", 1));
        assertTrue(e.getMessage().contains("exit 132, SIGILL"), e.getMessage());
        assertTrue(e.getMessage().contains("-DGGML_AMX_INT8=OFF"), e.getMessage());
    }

    @Test
    void anOrdinaryFailureKeepsItsPlainExitStatus() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> NativeProcess.run(List.of(SH.toString(), "-c", "echo broken; exit 3"), Map.of(), "probe", 1));
        assertTrue(e.getMessage().contains("probe failed (exit 3): "), e.getMessage());
        assertTrue(e.getMessage().contains("broken"), e.getMessage());
        assertFalse(e.getMessage().contains("SIGILL"), e.getMessage());
    }
}

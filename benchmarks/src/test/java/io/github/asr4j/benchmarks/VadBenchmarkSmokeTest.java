package io.github.asr4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.testkit.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The VAD speed program runs (one short round); its numbers are read by hand, never asserted. */
class VadBenchmarkSmokeTest {
    @Test
    void runsBothSidesAndPrintsWindowsPerSecond() throws Exception {
        String onnx = SharedData.require("vad/silero_vad_v5.onnx").toString();
        String wav = SharedData.require("audio/jfk/jfk.wav").toString();
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            VadBenchmark.main(new String[] {onnx, wav, "1"});
        } finally {
            System.setOut(old);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("343 windows").contains("median windows/s: asr4j file");
    }
}

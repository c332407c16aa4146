package io.github.asr4j.vad.convert;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.asr4j.fuzz.Inputs;
import io.github.asr4j.fuzz.Outcomes;
import io.github.asr4j.testkit.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The converter's ONNX reader (a user may point it at any file): Silero's v5 graph with one fuzzed
 * edit ({@link Inputs#edit}; edit 3 is a whole file of fuzzer bytes), read in memory as
 * {@link SileroOnnxConverter#readWeights(Path)} reads a file.
 */
class OnnxFuzzTest {
    private static final byte[] V5 = read(SharedData.require("vad/silero_vad_v5.onnx"));
    private static final Path NAME = Path.of("fuzz.onnx");

    @FuzzTest
    void onnx(byte[] input) {
        byte[] file = Inputs.edit(V5, input);
        Outcomes.expectTyped(() -> SileroOnnxConverter.readWeights(NAME, file), OnnxModelException.class);
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.github.asr4j.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.loader.SafeTensorsException;
import io.github.asr4j.loader.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * safetensors: whole files as bytes, and well-framed files whose JSON header is the fuzzed part
 * (so the mutations spend their time in the header's fields, not in its length prefix). Both go
 * through {@link SafeTensors#read(Path, byte[])}, which validates exactly as {@code open} does
 * (one header parser), without a file, a mapping or an arena per input.
 */
class SafeTensorsFuzzTest {
    private static final Path NAME = Path.of("fuzz.safetensors");

    @FuzzTest
    void bytes(byte[] input) {
        Outcomes.expectTyped(() -> readAll(input), SafeTensorsException.class);
    }

    @FuzzTest
    void header(FuzzedDataProvider data) {
        int dataBytes = data.consumeInt(0, 4096);
        byte[] header = data.consumeRemainingAsString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer file = ByteBuffer.allocate(8 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(header.length).put(header);
        Outcomes.expectTyped(() -> readAll(file.array()), SafeTensorsException.class);
    }

    /** Reads every tensor's first values, as a model load would. */
    private static void readAll(byte[] bytes) {
        try (SafeTensors st = SafeTensors.read(NAME, bytes)) {
            for (String name : st.names()) {
                Tensor t = st.tensor(name);
                for (long i = 0; i < Math.min(t.elementCount(), 64); i++) {
                    t.getFloat(i);
                }
            }
        }
    }
}

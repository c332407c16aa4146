package io.github.asr4j.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.SafeTensorsWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SileroVadLoadTest {
    @TempDir
    Path dir;

    @Test
    void theJarShipsBothNetworksWithTheMitNotice() throws IOException {
        for (VadModel m : VadModel.values()) {
            try (SileroVad vad = SileroVad.load(m)) {
                assertThat(vad.name()).isEqualTo(m.toString());
            }
        }
        try (InputStream in = SileroVad.class.getResourceAsStream("SILERO_VAD_LICENSE.txt")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("MIT License").contains("Copyright (c) 2020-present Silero Team");
        }
    }

    @Test
    void weightsMissingATensorAreATypedError() {
        Path file = SafeTensorsWriter.create(dir.resolve("bad.safetensors"))
                .addFloats("stft.forward_basis_buffer", new long[] {258, 1, 256}, new float[258 * 256], DType.F32)
                .write();
        assertThatThrownBy(() -> SileroVad.load(file)).isInstanceOf(VadModelException.class)
                .hasMessageContaining("encoder.0.reparam_conv.weight").hasMessageContaining("missing");
    }

    @Test
    void aTensorOfTheWrongShapeIsATypedError() {
        Path file = SafeTensorsWriter.create(dir.resolve("bad.safetensors"))
                .addFloats("stft.forward_basis_buffer", new long[] {130, 1, 128}, new float[130 * 128], DType.F32)
                .write();
        assertThatThrownBy(() -> SileroVad.load(file)).isInstanceOf(VadModelException.class)
                .hasMessageContaining("stft.forward_basis_buffer").hasMessageContaining("[130, 1, 128]");
    }

    @Test
    void aFileThatIsNotSafetensorsIsATypedError() throws IOException {
        Path file = Files.writeString(dir.resolve("x.safetensors"), "not weights");
        assertThatThrownBy(() -> SileroVad.load(file)).isInstanceOf(VadModelException.class)
                .hasMessageContaining("x.safetensors");
    }

    @Test
    void unknownModelNamesAreRefused() {
        assertThat(VadModel.parse("V6")).isEqualTo(VadModel.V6);
        assertThatThrownBy(() -> VadModel.parse("v7")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("v5 or v6");
    }
}

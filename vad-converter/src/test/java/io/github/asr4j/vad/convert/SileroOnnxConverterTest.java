package io.github.asr4j.vad.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.testkit.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SileroOnnxConverterTest {
    @TempDir
    Path dir;

    private static Path onnx(String model) {
        return SharedData.require("vad/silero_vad_" + model + ".onnx");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v5", "v6"})
    void theShippedWeightsAreTheConverterOutputByteForByte(String model) throws IOException {
        Path out = SileroOnnxConverter.convert(onnx(model), dir.resolve(model + ".safetensors"));
        byte[] shipped;
        try (InputStream in = getClass().getResourceAsStream("/io/github/asr4j/vad/silero_vad_" + model + ".safetensors")) {
            assertThat(in).as("core ships silero_vad_%s.safetensors", model).isNotNull();
            shipped = in.readAllBytes();
        }
        assertThat(Arrays.equals(Files.readAllBytes(out), shipped)).as("converted == shipped").isTrue();
        assertThat(new String(shipped, 0, 600, java.nio.charset.StandardCharsets.UTF_8))
                .contains("Silero Team").contains(SileroOnnxConverter.sha256(Files.readAllBytes(onnx(model))));
    }

    @Test
    void aTruncatedFileIsATypedError() throws IOException {
        byte[] bytes = Files.readAllBytes(onnx("v5"));
        Path truncated = Files.write(dir.resolve("truncated.onnx"), Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> SileroOnnxConverter.readWeights(truncated))
                .isInstanceOf(OnnxModelException.class)
                .hasMessageContaining("truncated.onnx").hasMessageContaining("truncated or corrupt");
    }

    @Test
    void aFileThatIsNotOnnxIsATypedError() throws IOException {
        Path png = SharedData.require("audio/edge/not_audio.wav");
        assertThatThrownBy(() -> SileroOnnxConverter.readWeights(png)).isInstanceOf(OnnxModelException.class)
                .hasMessageContaining("not_audio.wav");
        Path missing = dir.resolve("missing.onnx");
        assertThatThrownBy(() -> SileroOnnxConverter.readWeights(missing)).isInstanceOf(OnnxModelException.class)
                .hasMessageContaining("cannot read");
    }

    @Test
    void aGraphWithOtherInputsIsRefused() throws IOException {
        ModelProto.Builder model = ModelProto.parseFrom(Files.readAllBytes(onnx("v5"))).toBuilder();
        model.getGraphBuilder().getInputBuilder(0).setName("audio");
        Path file = Files.write(dir.resolve("renamed.onnx"), model.build().toByteArray());
        assertThatThrownBy(() -> SileroOnnxConverter.readWeights(file)).isInstanceOf(OnnxModelException.class)
                .hasMessageContaining("not the Silero VAD graph").hasMessageContaining("[audio, state, sr]");
    }

    @Test
    void aGraphWithAnotherStftHopIsRefused() throws IOException {
        ModelProto.Builder model = ModelProto.parseFrom(Files.readAllBytes(onnx("v5"))).toBuilder();
        for (NodeProto.Builder node : model.getGraphBuilder().getNodeBuilderList()) {
            for (AttributeProto.Builder a : node.getAttributeBuilderList()) {
                if (a.getName().equals("then_branch")) {
                    GraphProto.Builder branch = a.getGBuilder();
                    for (NodeProto.Builder inner : branch.getNodeBuilderList()) {
                        if (inner.getName().endsWith("/stft/Conv")) {
                            for (AttributeProto.Builder attr : inner.getAttributeBuilderList()) {
                                if (attr.getName().equals("strides")) {
                                    attr.setInts(0, 64);
                                }
                            }
                        }
                    }
                }
            }
        }
        Path file = Files.write(dir.resolve("hop64.onnx"), model.build().toByteArray());
        assertThatThrownBy(() -> SileroOnnxConverter.readWeights(file)).isInstanceOf(OnnxModelException.class)
                .hasMessageContaining("strides=[64], expected [128]");
    }
}

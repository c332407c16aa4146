package io.github.asr4j.vad.convert;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.InvalidProtocolBufferException;
import io.github.asr4j.fuzz.Inputs;
import io.github.asr4j.fuzz.Outcomes;
import io.github.asr4j.testkit.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;

/**
 * The converter's ONNX reader (a user may point it at any file): a Silero v5 graph with one fuzzed
 * edit ({@link Inputs#edit}; edit 3 is a whole file of fuzzer bytes), read in memory as
 * {@link SileroOnnxConverter#readWeights(Path)} reads a file: a typed {@link OnnxModelException}
 * or the weights.
 *
 * <ul>
 *   <li>{@link #onnx}: the real 2.3 MB file (the protobuf parse, the graph walk and the tensor
 *       values; ~600 inputs/s).</li>
 *   <li>{@link #graph}: the same graph with the values of every tensor over {@value #KEPT_BYTES}
 *       bytes removed ({@link #withoutValues}, a few KB): the protobuf parse and the whole graph walk
 *       (inputs, outputs, the sample-rate switch, operators and attributes, the parameter lookup up
 *       to the first tensor's size check), fast enough for 10^6 inputs in a long run.</li>
 * </ul>
 */
class OnnxFuzzTest {
    private static final byte[] V5 = read(SharedData.require("vad/silero_vad_v5.onnx"));
    private static final Path NAME = Path.of("fuzz.onnx");
    /** Tensors this small keep their values: the int64 sample-rate constants the walk compares. */
    static final int KEPT_BYTES = 64;
    private static final byte[] GRAPH = withoutValues(V5);

    @FuzzTest
    void onnx(byte[] input) {
        byte[] file = Inputs.edit(V5, input);
        Outcomes.expectTyped(() -> SileroOnnxConverter.readWeights(NAME, file), OnnxModelException.class);
    }

    @FuzzTest
    void graph(byte[] input) {
        byte[] file = Inputs.edit(GRAPH, input);
        Outcomes.expectTyped(() -> SileroOnnxConverter.readWeights(NAME, file), OnnxModelException.class);
    }

    /** {@code onnx} with the values of its tensors over {@link #KEPT_BYTES} removed, in every subgraph. */
    static byte[] withoutValues(byte[] onnx) {
        try {
            ModelProto model = ModelProto.parseFrom(onnx);
            return model.toBuilder().setGraph(withoutValues(model.getGraph())).build().toByteArray();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("the seed graph is not ONNX", e);
        }
    }

    private static GraphProto withoutValues(GraphProto graph) {
        GraphProto.Builder g = graph.toBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            g.setInitializer(i, withoutValues(g.getInitializer(i)));
        }
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto.Builder node = g.getNode(i).toBuilder();
            for (int j = 0; j < node.getAttributeCount(); j++) {
                AttributeProto.Builder a = node.getAttribute(j).toBuilder();
                if (a.hasT()) {
                    a.setT(withoutValues(a.getT()));
                }
                if (a.hasG()) {
                    a.setG(withoutValues(a.getG()));
                }
                node.setAttribute(j, a);
            }
            g.setNode(i, node);
        }
        return g.build();
    }

    private static TensorProto withoutValues(TensorProto t) {
        return t.getRawData().size() + 4L * t.getFloatDataCount() > KEPT_BYTES
                ? t.toBuilder().clearRawData().clearFloatData().build() : t;
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

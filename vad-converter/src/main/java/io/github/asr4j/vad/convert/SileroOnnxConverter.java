package io.github.asr4j.vad.convert;

import com.google.protobuf.InvalidProtocolBufferException;
import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.SafeTensorsWriter;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.ValueInfoProto;

/**
 * Converts a Silero VAD ONNX file (v5 or v6, as snakers4/silero-vad exports it) into the
 * safetensors file that asr4j ships: the 16 kHz branch's parameters under their PyTorch names,
 * float32, with the source's sha256 and the MIT notice in the metadata.
 *
 * <p>The ONNX protobuf is read with protobuf-java through classes generated from ONNX's own
 * {@code onnx.proto}. Before anything is written the graph is checked against {@link SileroGraph}:
 * the inputs and outputs, the sample-rate switch, every parameter's shape, and the operator
 * settings the Java forward pass relies on.
 *
 * <p>Regenerating the shipped weights (the test {@code SileroOnnxConverterTest} checks they match):
 * <pre>java -cp vad-converter/target/classes:loader/target/classes:PROTOBUF_JAVA_JAR:JACKSON_JARS \
 *   io.github.asr4j.vad.convert.SileroOnnxConverter ../shared/testdata/vad/silero_vad_v5.onnx \
 *   core/src/main/resources/io/github/asr4j/vad/silero_vad_v5.safetensors</pre>
 */
public final class SileroOnnxConverter {
    static final String LICENSE = "MIT License, Copyright (c) 2020-present Silero Team (snakers4/silero-vad); "
            + "the full notice ships beside this file as SILERO_VAD_LICENSE.txt";

    private SileroOnnxConverter() {}

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: SileroOnnxConverter IN.onnx OUT.safetensors");
            System.exit(2);
        }
        try {
            convert(Path.of(args[0]), Path.of(args[1]));
        } catch (OnnxModelException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Reads, checks and writes; returns {@code out}. */
    public static Path convert(Path onnx, Path out) {
        byte[] bytes = readBytes(onnx);
        Map<String, float[]> weights = readWeights(onnx, bytes);
        SafeTensorsWriter writer = SafeTensorsWriter.create(out)
                .metadata("format", "silero-vad")
                .metadata("source", onnx.getFileName() + " sha256 " + sha256(bytes))
                .metadata("license", LICENSE);
        weights.forEach((name, values) -> writer.addFloats(name, SileroGraph.PARAMETERS.get(name), values, DType.F32));
        return writer.write();
    }

    /** The 16 kHz branch's parameters by PyTorch name, after checking the graph. */
    public static Map<String, float[]> readWeights(Path onnx) {
        return readWeights(onnx, readBytes(onnx));
    }

    /** An ONNX file already in memory; {@code onnx} names it in messages (also the fuzz tests' seam). */
    static Map<String, float[]> readWeights(Path onnx, byte[] bytes) {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxModelException(onnx, "not a readable ONNX protobuf (truncated or corrupt): " + e.getMessage(), e);
        }
        GraphProto graph = model.getGraph();
        expectNames(onnx, "inputs", graph.getInputList(), List.of("input", "state", "sr"));
        expectNames(onnx, "outputs", graph.getOutputList(), List.of("output", "stateN"));
        GraphProto branch = sixteenKiloHertzBranch(onnx, graph);
        checkOperators(onnx, branch);
        return parameters(onnx, branch);
    }

    private static void expectNames(Path onnx, String what, List<ValueInfoProto> values, List<String> expected) {
        List<String> names = values.stream().map(ValueInfoProto::getName).toList();
        if (!names.equals(expected)) {
            throw new OnnxModelException(onnx, "not the Silero VAD graph: graph " + what + " are " + names
                    + ", expected " + expected);
        }
    }

    /** The then-branch of the top-level {@code If(sr == 16000)}. */
    private static GraphProto sixteenKiloHertzBranch(Path onnx, GraphProto graph) {
        Map<String, Long> constants = new LinkedHashMap<>();
        for (NodeProto node : graph.getNodeList()) {
            if (isConstant(node)) {
                TensorProto t = node.getAttribute(0).getT();
                if (t.getDataType() == TensorProto.DataType.INT64_VALUE && t.getInt64DataCount() == 1) {
                    constants.put(node.getOutput(0), t.getInt64Data(0));
                }
            }
        }
        String condition = null;
        for (NodeProto node : graph.getNodeList()) {
            if (node.getOpType().equals("Equal") && node.getInputList().contains("sr") && node.getOutputCount() == 1) {
                for (String in : node.getInputList()) {
                    if (Long.valueOf(SileroGraph.SAMPLE_RATE).equals(constants.get(in))) {
                        condition = node.getOutput(0);
                    }
                }
            }
        }
        for (NodeProto node : graph.getNodeList()) {
            if (node.getOpType().equals("If") && node.getInputCount() > 0 && node.getInput(0).equals(condition)) {
                for (AttributeProto a : node.getAttributeList()) {
                    if (a.getName().equals("then_branch")) {
                        return a.getG();
                    }
                }
            }
        }
        throw new OnnxModelException(onnx, "not the Silero VAD graph: no If node switching on sr == 16000");
    }

    /**
     * A {@code Constant} node as exporters write one: a single tensor attribute and a single output
     * (a node missing its output was found by OnnxFuzzTest#graph; protobuf's lists throw on index 0).
     */
    private static boolean isConstant(NodeProto node) {
        return node.getOpType().equals("Constant") && node.getAttributeCount() == 1 && node.getAttribute(0).hasT()
                && node.getOutputCount() == 1;
    }

    private static void checkOperators(Path onnx, GraphProto branch) {
        List<NodeProto> nodes = new ArrayList<>();
        collect(branch, nodes);
        NodeProto stft = single(onnx, nodes, "Conv", "/stft/Conv");
        expectInts(onnx, stft, "kernel_shape", List.of(SileroGraph.STFT_KERNEL));
        expectInts(onnx, stft, "strides", List.of(SileroGraph.STFT_HOP));
        NodeProto pad = single(onnx, nodes, "Pad", "/stft/padding/Pad");
        String mode = attribute(onnx, pad, "mode").getS().toStringUtf8();
        if (!mode.equals("reflect")) {
            throw new OnnxModelException(onnx, "not the Silero VAD graph: STFT padding mode is '" + mode + "', expected reflect");
        }
        for (int i = 0; i < 4; i++) {
            NodeProto conv = single(onnx, nodes, "Conv", "/encoder/" + i + "/reparam_conv/Conv");
            expectInts(onnx, conv, "kernel_shape", List.of(3L));
            expectInts(onnx, conv, "pads", List.of(1L, 1L));
            expectInts(onnx, conv, "strides", List.of(SileroGraph.ENCODER_STRIDES.get(i)));
        }
        NodeProto lstm = single(onnx, nodes, "LSTM", "/decoder/rnn/LSTM");
        if (attribute(onnx, lstm, "hidden_size").getI() != SileroGraph.LSTM_HIDDEN) {
            throw new OnnxModelException(onnx, "not the Silero VAD graph: LSTM hidden_size "
                    + attribute(onnx, lstm, "hidden_size").getI() + ", expected " + SileroGraph.LSTM_HIDDEN);
        }
        single(onnx, nodes, "Sigmoid", "/decoder/decoder/3/Sigmoid");
    }

    private static void collect(GraphProto graph, List<NodeProto> into) {
        for (NodeProto node : graph.getNodeList()) {
            into.add(node);
            for (AttributeProto a : node.getAttributeList()) {
                if (a.hasG()) {
                    collect(a.getG(), into);
                }
            }
        }
    }

    /** The one node of {@code opType} whose name ends in {@code suffix} (exporters prefix branch names). */
    private static NodeProto single(Path onnx, List<NodeProto> nodes, String opType, String suffix) {
        List<NodeProto> found = nodes.stream()
                .filter(n -> n.getOpType().equals(opType) && n.getName().endsWith(suffix)).toList();
        if (found.size() != 1) {
            throw new OnnxModelException(onnx, "not the Silero VAD graph: expected one " + opType + " node named *"
                    + suffix + " in the 16 kHz branch, found " + found.size());
        }
        return found.getFirst();
    }

    private static AttributeProto attribute(Path onnx, NodeProto node, String name) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst()
                .orElseThrow(() -> new OnnxModelException(onnx, "not the Silero VAD graph: node " + node.getName()
                        + " has no attribute " + name));
    }

    private static void expectInts(Path onnx, NodeProto node, String name, List<Long> expected) {
        List<Long> actual = attribute(onnx, node, name).getIntsList();
        if (!actual.equals(expected)) {
            throw new OnnxModelException(onnx, "not the Silero VAD graph: node " + node.getName() + " has " + name
                    + "=" + actual + ", expected " + expected);
        }
    }

    private static Map<String, float[]> parameters(Path onnx, GraphProto branch) {
        Map<String, TensorProto> byName = new LinkedHashMap<>();
        for (NodeProto node : branch.getNodeList()) {
            if (isConstant(node)) {
                byName.put(node.getOutput(0), node.getAttribute(0).getT());
            }
        }
        for (TensorProto t : branch.getInitializerList()) {
            byName.put(t.getName(), t);
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        SileroGraph.PARAMETERS.forEach((name, shape) -> {
            List<Map.Entry<String, TensorProto>> matches = byName.entrySet().stream()
                    .filter(e -> e.getKey().equals(name) || e.getKey().endsWith("__" + name)).toList();
            if (matches.size() != 1) {
                throw new OnnxModelException(onnx, "not the Silero VAD graph: expected one tensor '" + name
                        + "' in the 16 kHz branch, found " + matches.size());
            }
            out.put(name, floats(onnx, name, matches.getFirst().getValue(), shape));
        });
        return out;
    }

    private static float[] floats(Path onnx, String name, TensorProto t, long[] shape) {
        List<Long> dims = t.getDimsList();
        List<Long> expected = Arrays.stream(shape).boxed().toList();
        if (!dims.equals(expected)) {
            throw new OnnxModelException(onnx, "not the Silero VAD graph: tensor '" + name + "' has shape " + dims
                    + ", expected " + expected);
        }
        if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new OnnxModelException(onnx, "tensor '" + name + "' has ONNX data type " + t.getDataType()
                    + ", expected 1 (float)");
        }
        int count = Math.toIntExact(expected.stream().reduce(1L, (a, b) -> a * b));
        if (t.getFloatDataCount() == count) {
            float[] v = new float[count];
            for (int i = 0; i < count; i++) {
                v[i] = t.getFloatData(i);
            }
            return v;
        }
        if (t.getRawData().size() != 4L * count) {
            throw new OnnxModelException(onnx, "tensor '" + name + "' holds " + t.getRawData().size()
                    + " raw bytes and " + t.getFloatDataCount() + " floats, expected " + count + " floats");
        }
        FloatBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] v = new float[count];
        raw.get(v);
        return v;
    }

    private static byte[] readBytes(Path onnx) {
        try {
            return Files.readAllBytes(onnx);
        } catch (IOException e) {
            throw new OnnxModelException(onnx, "cannot read: " + e, e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}

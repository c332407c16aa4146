package io.github.asr4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * The deterministic random Whisper checkpoint of {@code shared/testdata/models/RANDOM_WEIGHTS.md},
 * rebuilt from a {@code config.json} and written as a Hugging Face folder.
 *
 * <p>Java's {@code long} arithmetic is exactly the spec's unsigned 64-bit arithmetic modulo 2^64,
 * provided shifts are the unsigned {@code >>>}. Values are computed in double and rounded once to
 * float, as the spec says; the float16 variant rounds that float to the nearest half (ties to even).
 *
 * <p>Tensors are generated one at a time (in parallel across tensors) and written straight to their
 * place in the file, so the heap never holds more than a few tensors, even for {@code card}.
 */
public final class RandomCheckpoint {

    /** The shape parameters the generator needs, read from {@code config.json}. */
    public record Spec(long seed, int numMelBins, int dModel, int encoderLayers, int decoderLayers,
                int encoderFfnDim, int decoderFfnDim, int vocabSize, int maxSourcePositions,
                int maxTargetPositions) {

        public static Spec read(Path configJson) {
            try {
                JsonNode c = new ObjectMapper().readTree(configJson.toFile());
                return new Spec(c.path("random_weights").path("seed").asLong(),
                        c.get("num_mel_bins").asInt(), c.get("d_model").asInt(),
                        c.get("encoder_layers").asInt(), c.get("decoder_layers").asInt(),
                        c.get("encoder_ffn_dim").asInt(), c.get("decoder_ffn_dim").asInt(),
                        c.get("vocab_size").asInt(), c.get("max_source_positions").asInt(),
                        c.get("max_target_positions").asInt());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Storage type of a written checkpoint. */
    public enum Precision { F32, F16 }

    private RandomCheckpoint() {}

    // ------------------------------------------------------------------ the generator

    public static long splitmix64(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public static long fnv1a64(byte[] bytes) {
        long h = 0xCBF29CE484222325L;
        for (byte b : bytes) {
            h = (h ^ (b & 0xFF)) * 0x100000001B3L;
        }
        return h;
    }

    /** Every tensor name of the checkpoint with its shape, in the reference generator's file order. */
    public static Map<String, int[]> shapes(Spec s) {
        int d = s.dModel();
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put("model.encoder.conv1.weight", new int[] {d, s.numMelBins(), 3});
        m.put("model.encoder.conv1.bias", new int[] {d});
        m.put("model.encoder.conv2.weight", new int[] {d, d, 3});
        m.put("model.encoder.conv2.bias", new int[] {d});
        m.put("model.encoder.embed_positions.weight", new int[] {s.maxSourcePositions(), d});
        for (int i = 0; i < s.encoderLayers(); i++) {
            String p = "model.encoder.layers." + i;
            attention(m, p + ".self_attn", d);
            layerNorm(m, p + ".self_attn_layer_norm", d);
            mlp(m, p, d, s.encoderFfnDim());
            layerNorm(m, p + ".final_layer_norm", d);
        }
        layerNorm(m, "model.encoder.layer_norm", d);
        m.put("model.decoder.embed_tokens.weight", new int[] {s.vocabSize(), d});
        m.put("model.decoder.embed_positions.weight", new int[] {s.maxTargetPositions(), d});
        for (int i = 0; i < s.decoderLayers(); i++) {
            String p = "model.decoder.layers." + i;
            attention(m, p + ".self_attn", d);
            layerNorm(m, p + ".self_attn_layer_norm", d);
            attention(m, p + ".encoder_attn", d);
            layerNorm(m, p + ".encoder_attn_layer_norm", d);
            mlp(m, p, d, s.decoderFfnDim());
            layerNorm(m, p + ".final_layer_norm", d);
        }
        layerNorm(m, "model.decoder.layer_norm", d);
        return m;
    }

    private static void attention(Map<String, int[]> m, String p, int d) {
        m.put(p + ".k_proj.weight", new int[] {d, d});
        m.put(p + ".v_proj.weight", new int[] {d, d});
        m.put(p + ".v_proj.bias", new int[] {d});
        m.put(p + ".q_proj.weight", new int[] {d, d});
        m.put(p + ".q_proj.bias", new int[] {d});
        m.put(p + ".out_proj.weight", new int[] {d, d});
        m.put(p + ".out_proj.bias", new int[] {d});
    }

    private static void layerNorm(Map<String, int[]> m, String p, int d) {
        m.put(p + ".weight", new int[] {d});
        m.put(p + ".bias", new int[] {d});
    }

    private static void mlp(Map<String, int[]> m, String p, int d, int ffn) {
        m.put(p + ".fc1.weight", new int[] {ffn, d});
        m.put(p + ".fc1.bias", new int[] {ffn});
        m.put(p + ".fc2.weight", new int[] {d, ffn});
        m.put(p + ".fc2.bias", new int[] {d});
    }

    /** The float32 values of one tensor, exactly as RANDOM_WEIGHTS.md defines them. */
    public static float[] generate(Spec s, String name, int[] shape) {
        if (name.equals("model.encoder.embed_positions.weight")) {
            return sinusoids(shape[0], shape[1]);
        }
        int n = Math.toIntExact(count(shape));
        long base = splitmix64(fnv1a64(name.getBytes(StandardCharsets.UTF_8)) ^ s.seed());
        ValueRule rule = rule(name, shape);
        float[] out = new float[n];
        IntStream.range(0, (n + CHUNK - 1) / CHUNK).parallel().forEach(c -> {
            int end = Math.min(n, (c + 1) * CHUNK);
            for (int i = c * CHUNK; i < end; i++) {
                long u = splitmix64(base + i) >>> 40;
                double f = u / 16777216.0 * 2.0 - 1.0;
                out[i] = (float) rule.value(f);
            }
        });
        return out;
    }

    private static final int CHUNK = 1 << 18;

    @FunctionalInterface
    private interface ValueRule {
        double value(double f);
    }

    /** The value formula by name suffix; the order of the checks mirrors the spec's table. */
    private static ValueRule rule(String name, int[] shape) {
        if (name.endsWith("layer_norm.weight")) {
            return f -> 1 + 0.1 * f;
        }
        if (name.endsWith("layer_norm.bias")) {
            return f -> 0.1 * f;
        }
        if (name.endsWith("conv1.weight") || name.endsWith("conv2.weight")) {
            double scale = Math.sqrt((double) shape[1] * 3);
            return f -> f / scale;
        }
        if (name.equals("model.decoder.embed_tokens.weight")) {
            return f -> 0.5 * f;
        }
        if (name.equals("model.decoder.embed_positions.weight")) {
            return f -> 0.1 * f;
        }
        if (name.endsWith(".bias")) {
            return f -> 0.02 * f;
        }
        if (name.endsWith(".weight") && shape.length == 2) {
            double scale = Math.sqrt(shape[1]);
            return f -> f / scale;
        }
        throw new IllegalArgumentException("no value rule for " + name);
    }

    /** Whisper's encoder positions, in double, rounded once to float: row t = sin(t·inv_j) ‖ cos(t·inv_j). */
    public static float[] sinusoids(int length, int channels) {
        int half = channels / 2;
        double inc = Math.log(10000.0) / (half - 1);
        double[] inv = new double[half];
        for (int j = 0; j < half; j++) {
            inv[j] = Math.exp(-inc * j);
        }
        float[] out = new float[length * channels];
        for (int t = 0; t < length; t++) {
            for (int j = 0; j < half; j++) {
                double a = t * inv[j];
                out[t * channels + j] = (float) Math.sin(a);
                out[t * channels + half + j] = (float) Math.cos(a);
            }
        }
        return out;
    }

    public static long count(int[] shape) {
        long n = 1;
        for (int dim : shape) {
            n *= dim;
        }
        return n;
    }

    // ------------------------------------------------------------------ writing

    /**
     * Writes {@code model.safetensors} of the checkpoint described by {@code sourceFolder/config.json}
     * into {@code outFolder} (with copies of {@code config.json} and {@code generation_config.json})
     * and returns the SHA-256 of every tensor's float32 little-endian bytes, by name.
     */
    public static Map<String, String> write(Path sourceFolder, Path outFolder, Precision precision) {
        try {
            Files.createDirectories(outFolder);
            for (String f : List.of("config.json", "generation_config.json")) {
                Files.copy(sourceFolder.resolve(f), outFolder.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
            Spec spec = Spec.read(sourceFolder.resolve("config.json"));
            return writeSafetensors(spec, outFolder.resolve("model.safetensors"), precision);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, String> writeSafetensors(Spec spec, Path file, Precision precision) throws IOException {
        return writeSafetensors(spec, file, precision, shapes(spec));
    }

    /** Writes the given tensors (names and shapes, possibly not the spec's: for tests of broken checkpoints). */
    public static Map<String, String> writeSafetensors(Spec spec, Path file, Precision precision, Map<String, int[]> shapes)
            throws IOException {
        int elementBytes = precision == Precision.F32 ? 4 : 2;
        StringBuilder header = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        Map<String, Long> offsets = new LinkedHashMap<>();
        long offset = 0;
        for (var e : shapes.entrySet()) {
            long bytes = count(e.getValue()) * elementBytes;
            header.append(",\"").append(e.getKey()).append("\":{\"dtype\":\"").append(precision)
                    .append("\",\"shape\":").append(jsonArray(e.getValue()))
                    .append(",\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offsets.put(e.getKey(), offset);
            offset += bytes;
        }
        header.append('}');
        while ((header.length() + 8) % 8 != 0) { // the data starts 8-byte aligned, as the reference writer pads
            header.append(' ');
        }
        byte[] headerBytes = header.toString().getBytes(StandardCharsets.UTF_8);
        long dataStart = 8 + headerBytes.length;

        Map<String, String> hashes = new ConcurrentHashMap<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer prefix = ByteBuffer.allocate(8 + headerBytes.length).order(ByteOrder.LITTLE_ENDIAN);
            prefix.putLong(headerBytes.length).put(headerBytes).flip();
            writeFully(ch, prefix, 0);
            // Largest tensors first so the parallel tail is short; each tensor lands at its own offset.
            List<String> names = new ArrayList<>(shapes.keySet());
            names.sort(Comparator.comparingLong((String n) -> count(shapes.get(n))).reversed());
            names.parallelStream().forEach(name -> {
                float[] values = generate(spec, name, shapes.get(name));
                ByteBuffer f32 = littleEndianF32(values);
                hashes.put(name, sha256(f32.duplicate()));
                ByteBuffer stored = precision == Precision.F32 ? f32 : littleEndianF16(values);
                try {
                    writeFully(ch, stored, dataStart + offsets.get(name));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        shapes.keySet().forEach(n -> ordered.put(n, hashes.get(n)));
        return ordered;
    }

    private static String jsonArray(int[] a) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) {
            sb.append(i == 0 ? "" : ",").append(a[i]);
        }
        return sb.append(']').toString();
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            pos += ch.write(buf, pos);
        }
    }

    public static ByteBuffer littleEndianF32(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b;
    }

    public static ByteBuffer littleEndianF16(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        var shorts = b.asShortBuffer();
        for (float v : values) {
            shorts.put(Float.floatToFloat16(v));
        }
        return b;
    }

    public static String sha256(ByteBuffer bytes) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(bytes);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code sha256.txt} of a shared checkpoint folder: tensor name → hex digest. */
    public static Map<String, String> readHashes(Path sha256Txt) {
        try {
            Map<String, String> m = new LinkedHashMap<>();
            for (String line : Files.readAllLines(sha256Txt)) {
                if (!line.isBlank()) {
                    String[] parts = line.trim().split("\\s+");
                    m.put(parts[1], parts[0]);
                }
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

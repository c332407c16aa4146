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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The deterministic random Qwen3-ASR checkpoints of {@code shared/testdata/models/QWEN3_ASR_RANDOM_WEIGHTS.md}
 * ({@code qwen-mini}, {@code qwen3-asr-0.6b-shape}), rebuilt from a {@code config.json} and written as a
 * Hugging Face folder in BF16, tensors in sorted-name order.
 *
 * <p>The generator is {@link RandomCheckpoint}'s (splitmix64 over the FNV-1a hash of the name and the
 * seed); each value is evaluated in double as the spec's table writes it, rounded to float, then to
 * bfloat16 (nearest even on the float's bits). Tensors are generated in slices straight into the
 * file, so the 1.9 GB of the 0.6B shape never sit on the heap.
 */
public final class QwenRandomCheckpoint {

    /** The shape parameters the generator needs, read from {@code config.json}. */
    public record Spec(long seed, int numMelBins, int dModel, int encoderLayers, int encoderFfnDim, int channels,
                       int outputDim, int hidden, int decoderLayers, int heads, int kvHeads, int headDim,
                       int intermediate, int vocab) {

        /** Reads the release layout ({@code thinker_config.audio_config}) or the newer one (top-level). */
        public static Spec read(Path configJson) {
            try {
                JsonNode root = new ObjectMapper().readTree(configJson.toFile());
                JsonNode thinker = root.has("thinker_config") ? root.get("thinker_config") : root;
                JsonNode a = thinker.get("audio_config");
                JsonNode t = thinker.get("text_config");
                return new Spec(root.path("random_weights").path("seed").asLong(),
                        a.path("num_mel_bins").asInt(128), a.get("d_model").asInt(), a.get("encoder_layers").asInt(),
                        a.get("encoder_ffn_dim").asInt(), a.get("downsample_hidden_size").asInt(),
                        a.get("output_dim").asInt(), t.get("hidden_size").asInt(), t.get("num_hidden_layers").asInt(),
                        t.get("num_attention_heads").asInt(), t.get("num_key_value_heads").asInt(),
                        t.get("head_dim").asInt(), t.get("intermediate_size").asInt(), t.get("vocab_size").asInt());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final String LM_HEAD = "thinker.lm_head.weight";
    private static final String EMBED = "thinker.model.embed_tokens.weight";

    private QwenRandomCheckpoint() {}

    /** Every tensor name of the checkpoint with its shape, sorted by name (the file order). */
    public static Map<String, int[]> shapes(Spec s, boolean lmHead) {
        int c = s.channels();
        int d = s.dModel();
        int f = ((s.numMelBins() + 1) / 2 + 1) / 2;
        f = (f + 1) / 2;
        Map<String, int[]> m = new TreeMap<>();
        String a = "thinker.audio_tower.";
        for (int i = 1; i <= 3; i++) {
            m.put(a + "conv2d" + i + ".weight", new int[] {c, i == 1 ? 1 : c, 3, 3});
            m.put(a + "conv2d" + i + ".bias", new int[] {c});
        }
        m.put(a + "conv_out.weight", new int[] {d, c * f});
        for (int i = 0; i < s.encoderLayers(); i++) {
            String p = a + "layers." + i + ".";
            for (String proj : List.of("q_proj", "k_proj", "v_proj", "out_proj")) {
                m.put(p + "self_attn." + proj + ".weight", new int[] {d, d});
                m.put(p + "self_attn." + proj + ".bias", new int[] {d});
            }
            for (String norm : List.of("self_attn_layer_norm", "final_layer_norm")) {
                m.put(p + norm + ".weight", new int[] {d});
                m.put(p + norm + ".bias", new int[] {d});
            }
            m.put(p + "fc1.weight", new int[] {s.encoderFfnDim(), d});
            m.put(p + "fc1.bias", new int[] {s.encoderFfnDim()});
            m.put(p + "fc2.weight", new int[] {d, s.encoderFfnDim()});
            m.put(p + "fc2.bias", new int[] {d});
        }
        m.put(a + "ln_post.weight", new int[] {d});
        m.put(a + "ln_post.bias", new int[] {d});
        m.put(a + "proj1.weight", new int[] {d, d});
        m.put(a + "proj1.bias", new int[] {d});
        m.put(a + "proj2.weight", new int[] {s.outputDim(), d});
        m.put(a + "proj2.bias", new int[] {s.outputDim()});
        int h = s.hidden();
        int q = s.heads() * s.headDim();
        int kv = s.kvHeads() * s.headDim();
        m.put(EMBED, new int[] {s.vocab(), h});
        for (int i = 0; i < s.decoderLayers(); i++) {
            String p = "thinker.model.layers." + i + ".";
            m.put(p + "input_layernorm.weight", new int[] {h});
            m.put(p + "post_attention_layernorm.weight", new int[] {h});
            m.put(p + "self_attn.q_proj.weight", new int[] {q, h});
            m.put(p + "self_attn.k_proj.weight", new int[] {kv, h});
            m.put(p + "self_attn.v_proj.weight", new int[] {kv, h});
            m.put(p + "self_attn.o_proj.weight", new int[] {h, q});
            m.put(p + "self_attn.q_norm.weight", new int[] {s.headDim()});
            m.put(p + "self_attn.k_norm.weight", new int[] {s.headDim()});
            m.put(p + "mlp.gate_proj.weight", new int[] {s.intermediate(), h});
            m.put(p + "mlp.up_proj.weight", new int[] {s.intermediate(), h});
            m.put(p + "mlp.down_proj.weight", new int[] {h, s.intermediate()});
        }
        m.put("thinker.model.norm.weight", new int[] {h});
        if (lmHead) {
            m.put(LM_HEAD, new int[] {s.vocab(), h});
        }
        return m;
    }

    @FunctionalInterface
    private interface ValueRule {
        double value(double f);
    }

    /** The value formula by name; the order of the checks is the spec table's (the first match wins). */
    private static ValueRule rule(String name, int[] shape) {
        for (String suffix : List.of("layer_norm.weight", "ln_post.weight", "layernorm.weight", "q_norm.weight",
                "k_norm.weight", "model.norm.weight")) {
            if (name.endsWith(suffix)) {
                return f -> 1 + 0.1 * f;
            }
        }
        if (name.endsWith("layer_norm.bias") || name.endsWith("ln_post.bias")) {
            return f -> 0.1 * f;
        }
        if (name.equals(EMBED)) {
            return f -> 0.5 * f;
        }
        if (name.endsWith("conv2d1.weight") || name.endsWith("conv2d2.weight") || name.endsWith("conv2d3.weight")) {
            double scale = Math.sqrt(shape[1]);
            return f -> f / scale;
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

    /** float32 to bfloat16 bits, round to nearest even (finite values). */
    public static short bf16(float v) {
        int bits = Float.floatToRawIntBits(v);
        return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
    }

    /** Elements {@code from .. from + out.length - 1} (row-major) of tensor {@code name} as bfloat16 bits. */
    public static void generate(Spec s, String name, int[] shape, long from, short[] out) {
        String source = name.equals(LM_HEAD) ? EMBED : name;   // tied: the same values as the embedding
        long base = RandomCheckpoint.splitmix64(RandomCheckpoint.fnv1a64(source.getBytes(StandardCharsets.UTF_8)) ^ s.seed());
        ValueRule rule = rule(source, shape);
        IntStream.range(0, (out.length + SLICE - 1) / SLICE).parallel().forEach(c -> {
            for (int i = c * SLICE, end = Math.min(out.length, (c + 1) * SLICE); i < end; i++) {
                long u = RandomCheckpoint.splitmix64(base + from + i) >>> 40;
                double f = u / 16777216.0 * 2.0 - 1.0;
                out[i] = bf16((float) rule.value(f));
            }
        });
    }

    private static final int SLICE = 1 << 16;
    private static final int BLOCK = 1 << 22;   // elements generated, hashed and written at a time

    /**
     * Writes {@code config.json}, {@code generation_config.json} (copied from {@code sourceFolder})
     * and {@code model.safetensors} (BF16) into {@code outFolder}; returns the SHA-256 of every tensor's
     * stored bytes by name, as {@code sha256.txt} lists them.
     */
    public static Map<String, String> write(Path sourceFolder, Path outFolder, boolean lmHead) {
        try {
            Files.createDirectories(outFolder);
            for (String f : List.of("config.json", "generation_config.json")) {
                Files.copy(sourceFolder.resolve(f), outFolder.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
            Spec spec = Spec.read(sourceFolder.resolve("config.json"));
            return writeSafetensors(spec, outFolder.resolve("model.safetensors"), shapes(spec, lmHead));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the given tensors (possibly not the spec's set: for tests of broken checkpoints) in BF16. */
    public static Map<String, String> writeSafetensors(Spec spec, Path file, Map<String, int[]> shapes) throws IOException {
        StringBuilder header = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        long offset = 0;
        for (var e : shapes.entrySet()) {
            long bytes = RandomCheckpoint.count(e.getValue()) * 2;
            header.append(",\"").append(e.getKey()).append("\":{\"dtype\":\"BF16\",\"shape\":[");
            for (int i = 0; i < e.getValue().length; i++) {
                header.append(i == 0 ? "" : ",").append(e.getValue()[i]);
            }
            header.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        header.append('}');
        while (header.length() % 8 != 0) {
            header.append(' ');
        }
        byte[] headerBytes = header.toString().getBytes(StandardCharsets.UTF_8);
        Map<String, String> hashes = new LinkedHashMap<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer prefix = ByteBuffer.allocate(8 + headerBytes.length).order(ByteOrder.LITTLE_ENDIAN);
            prefix.putLong(headerBytes.length).put(headerBytes).flip();
            long pos = writeFully(ch, prefix, 0);
            for (var e : shapes.entrySet()) {
                MessageDigest md = sha256();
                long n = RandomCheckpoint.count(e.getValue());
                for (long from = 0; from < n; from += BLOCK) {
                    short[] values = new short[(int) Math.min(BLOCK, n - from)];
                    generate(spec, e.getKey(), e.getValue(), from, values);
                    ByteBuffer bytes = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
                    bytes.asShortBuffer().put(values);
                    md.update(bytes.duplicate());
                    pos = writeFully(ch, bytes, pos);
                }
                hashes.put(e.getKey(), HexFormat.of().formatHex(md.digest()));
            }
        }
        return hashes;
    }

    private static long writeFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            pos += ch.write(buf, pos);
        }
        return pos;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

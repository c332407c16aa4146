package io.github.asr4j.conformance;

import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.loader.SafeTensorsWriter;
import io.github.asr4j.loader.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;


/**
 * Variants of the random {@code mini} and {@code mini-128} checkpoints whose tied embedding rows are
 * scaled so that the control tokens actually come out: rows 50364–51864 ×1.5 and end-of-text ×−10
 * ({@code -ts}), plus rows 50259–50357 ×1.6 ({@code -lang}). The plain checkpoints never emit a
 * timestamp, so they would leave segment cutting, seeking and end-of-text untested. In mini (vocabulary
 * 51865) the scaled rows are the timestamps and languages; in mini-128 (51866, large-v3's layout, one
 * more language) the same rows start at {@code <|notimestamps|>}, so it emits whole windows of it and
 * of language tokens: the output whose compression ratio depends on keeping control tokens as text.
 *
 * <p>Both sides of the conformance test load these same weights: the test writes them into a temporary
 * folder, and {@code main} writes them for the Python reference (tools/openai-reference).
 */
public final class MiniVariants {
    static final String EMBEDDING = "model.decoder.embed_tokens.weight";
    private static final int END_OF_TEXT = 50257;
    private static final int FIRST_LANGUAGE = 50259;
    private static final int LAST_LANGUAGE = 50357;
    private static final int FIRST_TIMESTAMP = 50364;
    private static final int LAST_TIMESTAMP = 51864;

    /** A variant: its folder name, the stored checkpoint it scales, and which rows. */
    enum Variant {
        MINI("mini", "mini", false, false),
        MINI_128("mini-128", "mini-128", false, false),
        TIMESTAMPS("mini-ts", "mini", true, false),
        LANGUAGES("mini-lang", "mini", true, true),
        TIMESTAMPS_128("mini-128-ts", "mini-128", true, false),
        LANGUAGES_128("mini-128-lang", "mini-128", true, true);

        final String folder;
        final String source;
        final boolean timestamps;
        final boolean languages;

        Variant(String folder, String source, boolean timestamps, boolean languages) {
            this.folder = folder;
            this.source = source;
            this.timestamps = timestamps;
            this.languages = languages;
        }

        boolean stored() {
            return folder.equals(source);
        }

        static Variant of(String folder) {
            return Stream.of(values()).filter(v -> v.folder.equals(folder)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no mini variant named '" + folder + "'"));
        }

        float scale(int row) {
            if (timestamps && row >= FIRST_TIMESTAMP && row <= LAST_TIMESTAMP) return 1.5f;
            if (timestamps && row == END_OF_TEXT) return -10f;
            if (languages && row >= FIRST_LANGUAGE && row <= LAST_LANGUAGE) return 1.6f;
            return 1f;
        }
    }

    private MiniVariants() {}

    /**
     * Writes {@code variant} as a complete model folder {@code out/<folder>}.
     *
     * @param models the folder holding the stored {@code mini} and {@code mini-128}
     */
    static Path write(Path models, Variant variant, Path out) {
        Path mini = models.resolve(variant.source);
        Path dir = out.resolve(variant.folder);
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(mini)) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (!name.equals(SafeTensors.SINGLE_FILE) && !name.startsWith("goldens") && !name.equals("sha256.txt")) {
                        Files.copy(f, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (SafeTensors weights = SafeTensors.open(mini.resolve(SafeTensors.SINGLE_FILE))) {
            SafeTensorsWriter writer = SafeTensorsWriter.create(dir.resolve(SafeTensors.SINGLE_FILE));
            for (String name : List.copyOf(weights.names())) {
                Tensor t = weights.tensor(name);
                if (name.equals(EMBEDDING)) {
                    writer.addFloats(name, t.shape(), scaled(t, variant), DType.F32);
                } else {
                    writer.add(t);
                }
            }
            writer.write();
        }
        return dir;
    }

    private static float[] scaled(Tensor embedding, Variant variant) {
        float[] rows = embedding.toFloatArray();
        int width = embedding.dim(1);
        for (int row = 0; row < embedding.dim(0); row++) {
            float s = variant.scale(row);
            if (s != 1f) {
                for (int i = row * width; i < (row + 1) * width; i++) {
                    rows[i] *= s; // one float32 multiply, as numpy's float32 array * scalar
                }
            }
        }
        return rows;
    }

    /** {@code MiniVariants MODELS_DIR OUT_DIR}: writes every scaled variant for the Python reference. */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: MiniVariants MODELS_DIR OUT_DIR  (MODELS_DIR holds mini and mini-128)");
            System.exit(2);
        }
        for (Variant v : Variant.values()) {
            if (!v.stored()) {
                System.out.println(write(Path.of(args[0]), v, Path.of(args[1])));
            }
        }
    }
}

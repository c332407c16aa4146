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
 * Variants of the random {@code mini} checkpoint whose tied embedding rows are scaled so that the
 * control tokens actually come out of it: the timestamp rows ×1.5 and end-of-text ×−10 ({@code mini-ts}),
 * plus the language rows ×1.6 ({@code mini-lang}). The plain mini never emits a timestamp, so it
 * would leave segment cutting, seeking and end-of-text untested.
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

    /** A variant: its folder name and row scaling. */
    enum Variant {
        MINI("mini", false, false),
        TIMESTAMPS("mini-ts", true, false),
        LANGUAGES("mini-lang", true, true);

        final String folder;
        final boolean timestamps;
        final boolean languages;

        Variant(String folder, boolean timestamps, boolean languages) {
            this.folder = folder;
            this.timestamps = timestamps;
            this.languages = languages;
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

    /** Writes {@code variant} of the checkpoint in {@code mini} as a complete model folder {@code out/<folder>}. */
    static Path write(Path mini, Variant variant, Path out) {
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

    /** {@code MiniVariants MINI_DIR OUT_DIR}: writes mini-ts and mini-lang for the Python reference. */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: MiniVariants MINI_DIR OUT_DIR");
            System.exit(2);
        }
        for (Variant v : List.of(Variant.TIMESTAMPS, Variant.LANGUAGES)) {
            System.out.println(write(Path.of(args[0]), v, Path.of(args[1])));
        }
    }
}

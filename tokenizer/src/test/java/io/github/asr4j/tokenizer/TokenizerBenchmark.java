package io.github.asr4j.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Encoding speed on about 1 MB of mixed text (not a test). Run with the test classpath:
 * {@code java -cp ... io.github.asr4j.tokenizer.TokenizerBenchmark [shared/testdata/tokenizers]}.
 *
 * <p>"corpus" repeats the goldens' texts (English, many scripts, emoji, code) until 1 MB, so the word
 * cache warms up as it would on real transcripts; "unique" uses random words the cache has never seen.
 */
public final class TokenizerBenchmark {
    private static final int TARGET_BYTES = 1 << 20;

    private TokenizerBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "../shared/testdata/tokenizers");
        String corpus = corpus(root);
        String unique = uniqueWords(new Random(1));
        for (String folder : List.of("whisper-v3", "qwen3-asr")) {
            long t0 = System.nanoTime();
            BpeTokenizer tok = BpeTokenizer.load(root.resolve(folder));
            System.out.printf("%-12s loaded in %.0f ms%n", folder, (System.nanoTime() - t0) / 1e6);
            measure(folder, "corpus", tok, corpus);
            measure(folder, "unique", tok, unique);
        }
    }

    private static void measure(String folder, String name, BpeTokenizer tok, String text) {
        double mb = text.getBytes(StandardCharsets.UTF_8).length / 1e6;
        int tokens = 0;
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 8; round++) {
            long t0 = System.nanoTime();
            tokens = tok.encode(text).length;
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf("%-12s %-7s %.2f MB -> %d tokens: best %.1f ms, %.1f MB/s%n",
                folder, name, mb, tokens, best * 1e3, mb / best);
    }

    private static String corpus(Path root) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        for (String folder : List.of("whisper-v3", "qwen3-asr")) {
            for (String line : Files.readAllLines(root.resolve(folder).resolve("goldens.jsonl"))) {
                texts.add(json.readTree(line).get("text").asText());
            }
        }
        StringBuilder b = new StringBuilder();
        int bytes = 0;
        for (int i = 0; bytes < TARGET_BYTES; i = (i + 1) % texts.size()) {
            b.append(texts.get(i)).append('\n');
            bytes += texts.get(i).getBytes(StandardCharsets.UTF_8).length + 1;
        }
        return b.toString();
    }

    private static String uniqueWords(Random r) {
        String letters = "abcdefghijklmnopqrstuvwxyzабвгдежзийклмнопрстуфхцчшщэюяäöüéèàç";
        StringBuilder b = new StringBuilder();
        while (b.length() < TARGET_BYTES * 2 / 3) {
            int len = 2 + r.nextInt(10);
            b.append(' ');
            for (int i = 0; i < len; i++) b.append(letters.charAt(r.nextInt(letters.length())));
        }
        return b.toString();
    }
}

package io.github.asr4j.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.tokenizer.Goldens.Source;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The heap path for long words must give exactly what the short-word scan gives. */
class BpeMergerTest {

    @Test
    void mergesLeftmostOnEqualRanks() {
        // ids 0='a', 1='aa'; one merge a+a -> aa: "aaa" gives [aa, a], "aaaa" gives [aa, aa]
        MergeTable.Builder b = new MergeTable.Builder();
        b.add(0, 0, 1);
        BpeMerger m = new BpeMerger(b.build());
        assertThat(m.merge(new int[] {0, 0, 0})).containsExactly(1, 0);
        assertThat(m.merge(new int[] {0, 0, 0, 0})).containsExactly(1, 1);
        int[] longRun = new int[101];
        int[] merged = m.merge(longRun);   // heap path
        assertThat(merged).hasSize(51);
        assertThat(merged[50]).isZero();
        assertThat(java.util.Arrays.copyOf(merged, 50)).containsOnly(1);
    }

    @Test
    void longWordsEncodeAsTheConcatenationOfShortWordMerges() {
        BpeTokenizer tok = Goldens.tokenizer("whisper-multilingual", Source.TOKENIZER_JSON);
        Random r = new Random(11);
        String alphabet = "abcdefghijklmnopqrstuvwxyzéüßжщ中文字";
        for (int trial = 0; trial < 200; trial++) {
            StringBuilder s = new StringBuilder();
            int len = 1 + r.nextInt(200);
            for (int i = 0; i < len; i++) s.append(alphabet.charAt(r.nextInt(alphabet.length())));
            String word = s.toString();
            int[] viaTokenizer = tok.encodeOrdinary(word);
            // the merger's two strategies must agree whatever the length
            assertThat(tok.decode(viaTokenizer)).isEqualTo(word);
            assertThat(reference(tok, word)).as(word).containsExactly(viaTokenizer);
        }
    }

    /** A deliberately naive BPE (quadratic, string-based) on the tokenizer's own vocabulary and ranks. */
    private static int[] reference(BpeTokenizer tok, String word) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (byte b : word.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            parts.add(String.valueOf(ByteLevel.charOf(b & 0xFF)));
        }
        java.util.Map<String, Integer> ranks = MERGE_RANKS.get();
        while (parts.size() > 1) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < parts.size(); i++) {
                Integer rank = ranks.get(parts.get(i) + " " + parts.get(i + 1));
                if (rank != null && rank < bestRank) {
                    bestRank = rank;
                    best = i;
                }
            }
            if (best < 0) break;
            parts.set(best, parts.get(best) + parts.remove(best + 1));
        }
        return parts.stream().mapToInt(p -> tok.id(p).orElseThrow()).toArray();
    }

    private static final ThreadLocal<java.util.Map<String, Integer>> MERGE_RANKS = ThreadLocal.withInitial(() -> {
        try {
            var lines = java.nio.file.Files.readAllLines(Goldens.folder("whisper-multilingual").resolve("merges.txt"));
            java.util.Map<String, Integer> m = new java.util.HashMap<>();
            int rank = 0;
            for (String line : lines) {
                if (line.startsWith("#version") || line.isEmpty()) continue;
                m.putIfAbsent(line, rank++);
            }
            return m;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    });
}

package io.github.asr4j.qwen;

import io.github.asr4j.decode.TextMetrics;

/**
 * Reads what Qwen3-ASR wrote, as the official {@code parse_asr_output} does: {@code language X<asr_text>TEXT}
 * gives the language X and the text; without the tag it is all text; {@code language None} is
 * silence (no language); with a forced language the output is text only. Before that, runs of a
 * character or a short pattern repeated more than 20 times are collapsed to one copy (the
 * official {@code detect_and_fix_repetitions}).
 */
public final class QwenOutputParser {
    /** The official threshold: a character or pattern repeated this many times is collapsed. */
    static final int REPEAT_THRESHOLD = 20;
    /** The longest pattern, in characters, the official fix looks for. */
    static final int MAX_PATTERN = 20;
    private static final String TAG = QwenPrompt.ASR_TEXT;
    private static final String PREFIX = "language ";

    /**
     * @param language the official language name ({@code English}); empty when unknown or silent
     * @param text the transcript
     */
    public record Output(String language, String text) {}

    private QwenOutputParser() {}

    /**
     * @param raw the generated tokens' text, special tokens left out
     * @param forcedLanguage the forced language's official name, or null
     */
    public static Output parse(String raw, String forcedLanguage) {
        String s = TextMetrics.pythonStrip(raw);
        if (s.isEmpty()) {
            return new Output("", "");
        }
        s = fixRepetitions(s);
        if (forcedLanguage != null) {
            return new Output(forcedLanguage, s);
        }
        int tag = s.indexOf(TAG);
        if (tag < 0) {
            return new Output("", TextMetrics.pythonStrip(s));
        }
        String meta = s.substring(0, tag);
        String text = TextMetrics.pythonStrip(s.substring(tag + TAG.length()));
        if (meta.toLowerCase(java.util.Locale.ROOT).contains("language none")) {
            return new Output("", text);
        }
        for (String line : meta.split("\\R")) {
            String l = TextMetrics.pythonStrip(line);
            if (l.isEmpty()) {
                continue;
            }
            String name = "";
            if (l.toLowerCase(java.util.Locale.ROOT).startsWith(PREFIX)) {
                name = QwenLanguages.normalise(l.substring(PREFIX.length()));
            }
            return new Output(name, text); // only the first non-empty line names the language
        }
        return new Output("", text);
    }

    /** Collapses runs of one character, then of a pattern of up to 20 characters, repeated over 20 times. */
    static String fixRepetitions(String s) {
        return patternRepeats(charRepeats(s.codePoints().toArray()));
    }

    private static int[] charRepeats(int[] s) {
        int[] out = new int[s.length];
        int n = 0;
        for (int i = 0; i < s.length; ) {
            int run = 1;
            while (i + run < s.length && s[i + run] == s[i]) {
                run++;
            }
            int keep = run > REPEAT_THRESHOLD ? 1 : run;
            for (int j = 0; j < keep; j++) {
                out[n++] = s[i];
            }
            i += run;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * A pattern of k characters found at least 20 times in a row at position i is written once and
     * its further copies skipped; the search goes on after them. Positions closer than 40
     * characters to the end are not searched (as the official code).
     */
    private static String patternRepeats(int[] s) {
        StringBuilder out = new StringBuilder();
        int n = s.length;
        int i = 0;
        while (i <= n - 2 * REPEAT_THRESHOLD) {
            int end = -1;
            int k = 1;
            for (; k <= MAX_PATTERN && i + k * REPEAT_THRESHOLD <= n; k++) {
                if (repeats(s, i, k) >= REPEAT_THRESHOLD) {
                    end = i + repeats(s, i, k) * k;
                    break;
                }
            }
            if (end >= 0) {
                out.appendCodePoint(s[i]);
                for (int j = i + 1; j < i + k; j++) {
                    out.appendCodePoint(s[j]);
                }
                i = end;
            } else {
                out.appendCodePoint(s[i++]);
            }
        }
        for (; i < n; i++) {
            out.appendCodePoint(s[i]);
        }
        return out.toString();
    }

    /** How many copies of {@code s[i, i + k)} follow one another from {@code i}. */
    private static int repeats(int[] s, int i, int k) {
        int copies = 1;
        while (i + (copies + 1) * k <= s.length
                && java.util.Arrays.equals(s, i, i + k, s, i + copies * k, i + (copies + 1) * k)) {
            copies++;
        }
        return copies;
    }
}

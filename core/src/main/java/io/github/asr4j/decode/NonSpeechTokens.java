package io.github.asr4j.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * openai-whisper's {@code Tokenizer.non_speech_tokens}: the ids that would let the model write
 * speaker tags and annotations (♪♪♪, "( SPEAKING FOREIGN LANGUAGE )", "[DAVID] Hey") instead of
 * what is said, keeping ordinary punctuation.
 */
public final class NonSpeechTokens {
    private NonSpeechTokens() {}

    private static final String SINGLE_SYMBOLS = "\"#()*+/:;<=>@[\\]^_`{|}~「」『』";
    private static final String[] MULTI_SYMBOLS =
            "<< >> <<< >>> -- --- -( -[ (' (\" (( )) ((( ))) [[ ]] {{ }} ♪♪ ♪♪♪".split(" ");
    /**
     * U+2640..U+267F symbols: suppressed by their first token even when they take several, which
     * is safe because in UTF-8 they share their first two bytes.
     */
    private static final String MISCELLANEOUS = "♩♪♫♬♭♮♯";

    /**
     * @param encodeOrdinary the BPE encoding of plain text, with no special tokens (tiktoken's {@code encode})
     * @return the ids, sorted ascending
     */
    public static int[] of(Function<String, int[]> encodeOrdinary) {
        TreeSet<Integer> result = new TreeSet<>();
        // " -" and " '" open words; inside words hyphens and apostrophes stay allowed
        result.add(first(encodeOrdinary, " -"));
        result.add(first(encodeOrdinary, " '"));
        List<String> symbols = new ArrayList<>();
        SINGLE_SYMBOLS.codePoints().forEach(c -> symbols.add(Character.toString(c)));
        symbols.addAll(List.of(MULTI_SYMBOLS));
        MISCELLANEOUS.codePoints().forEach(c -> symbols.add(Character.toString(c)));
        for (String symbol : symbols) {
            boolean miscellaneous = symbol.length() == 1 && MISCELLANEOUS.contains(symbol);
            for (String text : new String[] {symbol, " " + symbol}) {
                int[] ids = encodeOrdinary.apply(text);
                if (ids.length == 1 || (miscellaneous && ids.length > 0)) {
                    result.add(ids[0]);
                }
            }
        }
        return result.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int first(Function<String, int[]> encode, String text) {
        int[] ids = encode.apply(text);
        if (ids.length == 0) {
            throw new IllegalArgumentException("the encoder returned no token for \"" + text + "\"");
        }
        return ids[0];
    }
}

package io.github.asr4j.timing;

import io.github.asr4j.decode.TextMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * openai-whisper's {@code merge_punctuations}: an opening mark becomes part of the next word, a
 * closing mark part of the previous one. The merged-away entry stays in place with empty text and
 * no tokens, as openai leaves it (its position still matters when words are dealt to segments).
 */
public final class PunctuationMerger {
    /** openai's default {@code prepend_punctuations}. */
    public static final String DEFAULT_PREPENDED = "\"'“¿([{-";
    /** openai's default {@code append_punctuations}. */
    public static final String DEFAULT_APPENDED = "\"'.。,，!！?？:：”)]}、";

    private PunctuationMerger() {}

    /**
     * @param prepended marks merged into the following word ({@code word.strip() in prepended}, a substring test)
     * @param appended marks merged into the preceding word ({@code word in appended})
     */
    public static List<WordTiming> merge(List<WordTiming> alignment, String prepended, String appended) {
        List<WordTiming> words = new ArrayList<>(alignment);
        // prepended marks, from the end: a run of marks collects into the word after them
        int i = words.size() - 2;
        int j = words.size() - 1;
        while (i >= 0) {
            WordTiming previous = words.get(i);
            WordTiming following = words.get(j);
            if (previous.word().startsWith(" ") && prepended.contains(TextMetrics.pythonStrip(previous.word()))) {
                words.set(j, following.withText(previous.word() + following.word(), concat(previous.tokens(), following.tokens())));
                words.set(i, previous.withText("", List.of()));
            } else {
                j = i;
            }
            i--;
        }
        // appended marks, from the start
        i = 0;
        j = 1;
        while (j < words.size()) {
            WordTiming previous = words.get(i);
            WordTiming following = words.get(j);
            if (!previous.word().endsWith(" ") && appended.contains(following.word())) {
                words.set(i, previous.withText(previous.word() + following.word(), concat(previous.tokens(), following.tokens())));
                words.set(j, following.withText("", List.of()));
            } else {
                i = j;
            }
            j++;
        }
        return words;
    }

    private static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> out = new ArrayList<>(a.size() + b.size());
        out.addAll(a);
        out.addAll(b);
        return out;
    }
}

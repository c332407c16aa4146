package io.github.asr4j.tokenizer;

import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Splits text into the pieces BPE runs on, with a Hugging Face {@code Split} regex in "Isolated" mode:
 * every match is a piece and so is any text between matches.
 *
 * <p>The patterns are compiled with {@link Pattern#UNICODE_CHARACTER_CLASS} so that {@code \s} is
 * Unicode White_Space (U+0085 in, U+FEFF and U+001C..U+001F out), {@code \p{N}} is every number and
 * {@code (?i:...)} folds case by Unicode rules, as in Oniguruma and tiktoken's Rust regex.
 */
final class PreTokenizer {
    /** GPT-2's pattern: Hugging Face's {@code ByteLevel(use_regex=true)} and openai/whisper's tiktoken files. */
    static final String GPT2_PATTERN =
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

    /** Qwen2's pattern: case-insensitive contractions, single digits, newlines kept with punctuation. */
    static final String QWEN2_PATTERN =
            "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*"
                    + "|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    private final Pattern pattern;
    private final boolean addPrefixSpace;
    /** A hand-written splitter when the pattern is one of the two known ones, else null (use the regex). */
    private final KnownPatternSplitter fast;

    private PreTokenizer(Pattern pattern, boolean addPrefixSpace, boolean allowFast) {
        this.pattern = pattern;
        this.addPrefixSpace = addPrefixSpace;
        KnownPatternSplitter.Kind kind = switch (pattern.pattern()) {
            case GPT2_PATTERN -> KnownPatternSplitter.Kind.GPT2;
            case QWEN2_PATTERN -> KnownPatternSplitter.Kind.QWEN2;
            default -> null;
        };
        this.fast = allowFast && kind != null ? new KnownPatternSplitter(kind) : null;
    }

    /**
     * @param regex          the split pattern, in the Oniguruma/Rust syntax tokenizer files use
     * @param addPrefixSpace whether a space is put before text that does not start with one
     * @param source         named in the error when the pattern does not compile
     */
    static PreTokenizer of(String regex, boolean addPrefixSpace, String source) {
        return of(regex, addPrefixSpace, source, true);
    }

    /** As {@link #of(String, boolean, String)}; {@code allowFast=false} forces the regex (for tests). */
    static PreTokenizer of(String regex, boolean addPrefixSpace, String source, boolean allowFast) {
        try {
            return new PreTokenizer(Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS), addPrefixSpace, allowFast);
        } catch (PatternSyntaxException e) {
            throw new TokenizerException(source + ": pre-tokenizer pattern does not compile in Java: "
                    + e.getDescription() + " in " + regex, e);
        }
    }

    String pattern() {
        return pattern.pattern();
    }

    /** Passes each piece of {@code text}, in order, to {@code sink}. */
    void split(String text, Consumer<String> sink) {
        if (addPrefixSpace && !text.isEmpty() && text.charAt(0) != ' ') text = " " + text;
        if (fast != null) {
            fast.split(text, sink);
            return;
        }
        Matcher m = pattern.matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) sink.accept(text.substring(last, m.start()));
            if (m.end() > m.start()) sink.accept(text.substring(m.start(), m.end()));
            last = m.end();
        }
        if (last < text.length()) sink.accept(text.substring(last));
    }
}

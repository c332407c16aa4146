package io.github.asr4j.tokenizer;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Whisper's control tokens over a {@link BpeTokenizer}. Every id is looked up by name in the loaded files,
 * so the same code serves the multilingual (≤ large-v2), large-v3 and English-only layouts.
 */
public final class WhisperTokenizer {
    /** openai/whisper tells multilingual models by vocabulary size (n_vocab >= 51865). */
    private static final int MULTILINGUAL_MIN_SIZE = 51865;
    private static final Pattern LANGUAGE_TOKEN = Pattern.compile("<\\|([a-z]{2,3})\\|>");

    private final BpeTokenizer bpe;
    private final int eot;
    private final int sot;
    private final int translate;
    private final int transcribe;
    private final int startOfLm;
    private final int startOfPrev;
    private final int noSpeech;
    private final int noTimestamps;
    private final int timestampBegin;
    private final Map<String, Integer> languageIds;
    private final boolean multilingual;

    private WhisperTokenizer(BpeTokenizer bpe) {
        this.bpe = bpe;
        eot = require("<|endoftext|>");
        sot = require("<|startoftranscript|>");
        translate = require("<|translate|>");
        transcribe = require("<|transcribe|>");
        startOfLm = require("<|startoflm|>");
        startOfPrev = require("<|startofprev|>");
        noSpeech = firstPresent("<|nospeech|>", "<|nocaptions|>");
        noTimestamps = require("<|notimestamps|>");
        timestampBegin = require("<|0.00|>");
        // language tokens are the <|xx|> added tokens between sot and translate, in id (= LANGUAGES) order
        Map<String, Integer> langs = new LinkedHashMap<>();
        for (int id = sot + 1; id < translate; id++) {
            var m = LANGUAGE_TOKEN.matcher(bpe.token(id));
            if (!m.matches()) {
                throw new TokenizerException("token " + id + " between <|startoftranscript|> and <|translate|> is '"
                        + bpe.token(id) + "', not a language token");
            }
            langs.put(WhisperLanguages.fromFileCode(m.group(1)), id); // openai's code: <|iw|> is "he"
        }
        languageIds = Collections.unmodifiableMap(langs);
        multilingual = bpe.size() >= MULTILINGUAL_MIN_SIZE;
    }

    /** A Whisper view of {@code bpe}; throws {@link TokenizerException} when a control token is missing. */
    public static WhisperTokenizer of(BpeTokenizer bpe) {
        return new WhisperTokenizer(Objects.requireNonNull(bpe, "bpe"));
    }

    /** Loads a Whisper tokenizer folder (see {@link BpeTokenizer#load}). */
    public static WhisperTokenizer load(java.nio.file.Path dir) {
        return of(BpeTokenizer.load(dir));
    }

    private int require(String name) {
        OptionalInt id = bpe.id(name);
        if (id.isEmpty()) throw new TokenizerException("not a Whisper tokenizer: no token " + name);
        return id.getAsInt();
    }

    private int firstPresent(String... names) {
        for (String n : names) {
            OptionalInt id = bpe.id(n);
            if (id.isPresent()) return id.getAsInt();
        }
        throw new TokenizerException("not a Whisper tokenizer: none of " + String.join(", ", names));
    }

    public BpeTokenizer bpe() {
        return bpe;
    }

    public int eot() {
        return eot;
    }

    public int sot() {
        return sot;
    }

    public int translate() {
        return translate;
    }

    public int transcribe() {
        return transcribe;
    }

    public int startOfLm() {
        return startOfLm;
    }

    public int startOfPrev() {
        return startOfPrev;
    }

    /** {@code <|nospeech|>} (v3) or {@code <|nocaptions|>} (earlier): the same position in every layout. */
    public int noSpeech() {
        return noSpeech;
    }

    public int noTimestamps() {
        return noTimestamps;
    }

    /** {@code <|0.00|>}; timestamp ids run up from here in 0.02 s steps. */
    public int timestampBegin() {
        return timestampBegin;
    }

    public boolean isTimestamp(int id) {
        return id >= timestampBegin;
    }

    /** Whether the model is multilingual (openai/whisper's rule: at least 51865 tokens). */
    public boolean isMultilingual() {
        return multilingual;
    }

    /**
     * The language codes in the files' order (openai/whisper's {@code LANGUAGES} order), spelled as openai
     * spells them: a file's {@code <|iw|>} is {@code he}.
     */
    public List<String> languages() {
        return List.copyOf(languageIds.keySet());
    }

    /**
     * The id of the language token of {@code code}, openai's code or the files' spelling of it ({@code he}
     * and {@code iw} both find {@code <|iw|>}); throws {@link IllegalArgumentException} for a code the files lack.
     */
    public int languageId(String code) {
        Integer id = languageIds.get(WhisperLanguages.fromFileCode(code));
        if (id == null) {
            throw new IllegalArgumentException("unknown Whisper language code '" + code + "' (this tokenizer has "
                    + languageIds.size() + " languages, e.g. en, zh, de; see languages())");
        }
        return id;
    }

    /** The language code of a language token id, if it is one. */
    public java.util.Optional<String> languageOf(int id) {
        for (var e : languageIds.entrySet()) {
            if (e.getValue() == id) return java.util.Optional.of(e.getKey());
        }
        return java.util.Optional.empty();
    }

    /**
     * The decoder prompt, as openai/whisper's {@code sot_sequence} (+ {@code <|notimestamps|>} when
     * timestamps are off). Multilingual: {@code [sot, language?, task]}, with the language left out when
     * null. English-only: {@code [sot]}; the language must be null or "en" and the task is not written
     * (openai/whisper builds English-only tokenizers with language and task unset).
     *
     * @param language a code from {@link #languages()}, or null
     * @param task     "transcribe" or "translate"
     */
    public int[] prompt(String language, String task, boolean timestamps) {
        int taskId = switch (Objects.requireNonNull(task, "task")) {
            case "transcribe" -> transcribe;
            case "translate" -> translate;
            default -> throw new IllegalArgumentException("task must be 'transcribe' or 'translate', not '" + task + "'");
        };
        List<Integer> ids = new ArrayList<>(4);
        ids.add(sot);
        if (multilingual) {
            if (language != null) ids.add(languageId(language));
            ids.add(taskId);
        } else if (language != null && !language.equals("en")) {
            throw new IllegalArgumentException("English-only model: language must be null or 'en', not '"
                    + language + "'");
        }
        if (!timestamps) ids.add(noTimestamps);
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Encodes text such as an initial prompt as plain text: a control-token string in it is spelled out,
     * never turned into the control token (openai/whisper refuses such text; this cannot inject tokens).
     */
    public int[] encode(String text) {
        return bpe.encodeOrdinary(text);
    }

    /**
     * openai/whisper's {@code Tokenizer.decode}: the text of {@code ids} without timestamps, every other
     * special token kept as its literal text ({@code <|notimestamps|>}, {@code <|en|>}, language tokens
     * spelled with openai's code). openai computes a window's compression ratio and the transcript's
     * text from this; segment texts come from {@link #decodeText}.
     */
    public String decode(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length * 4);
        for (int id : ids) {
            if (id >= timestampBegin) continue;
            byte[] b = id > sot && id < translate
                    ? ("<|" + languageOf(id).orElseThrow() + "|>").getBytes(java.nio.charset.StandardCharsets.UTF_8)
                    : bpe.decodeBytes(new int[] {id});
            out.write(b, 0, b.length);
        }
        return Utf8Lossy.decode(out.toByteArray());
    }

    /** The text of {@code ids} without timestamps and without special tokens (openai/whisper's {@code t < eot} filter). */
    public String decodeText(int[] ids) {
        return bpe.decode(textIds(ids));
    }

    /**
     * The text of {@code ids} with timestamps rendered as {@code <|1.08|>}, as openai/whisper's
     * {@code decode_with_timestamps}: the tokens between two timestamps are decoded as one run, and other
     * special tokens keep their text.
     */
    public String decodeWithTimestamps(int[] ids) {
        StringBuilder out = new StringBuilder();
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        for (int id : ids) {
            if (id >= timestampBegin) {
                out.append(Utf8Lossy.decode(run.toByteArray()));
                run.reset();
                out.append(timestampText(id));
            } else {
                byte[] b = bpe.decodeBytes(new int[] {id});
                run.write(b, 0, b.length);
            }
        }
        return out.append(Utf8Lossy.decode(run.toByteArray())).toString();
    }

    /** {@code <|t|>} for a timestamp id, t = (id - timestampBegin) * 0.02 with two decimals. */
    public String timestampText(int id) {
        if (id < timestampBegin) throw new IllegalArgumentException("id " + id + " is not a timestamp");
        int centis = (id - timestampBegin) * 2;
        return String.format(java.util.Locale.ROOT, "<|%d.%02d|>", centis / 100, centis % 100);
    }

    /** Seconds of a timestamp id. */
    public double timestampSeconds(int id) {
        if (id < timestampBegin) throw new IllegalArgumentException("id " + id + " is not a timestamp");
        return (id - timestampBegin) * 0.02;
    }

    /** The ids without timestamps and special tokens. */
    private int[] textIds(int[] ids) {
        return java.util.Arrays.stream(ids).filter(id -> id < timestampBegin && !bpe.isSpecial(id)).toArray();
    }
}

package io.github.asr4j.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A byte-level BPE tokenizer (GPT-2 / Whisper / Qwen2 family) loaded from a Hugging Face tokenizer folder.
 *
 * <p>Encoding: added-token strings are cut out first (leftmost, then longest), the rest is optionally
 * NFC-normalised, split by the pre-tokenizer regex, spelled as UTF-8 bytes and merged by rank.
 * Decoding joins the tokens' bytes and decodes them as lossy UTF-8.
 *
 * <p>Immutable and thread-safe; the only mutable state is a bounded concurrent cache of word encodings.
 */
public final class BpeTokenizer {
    /** Words longer than this are not cached: they are rare and would pin a lot of memory. */
    private static final int CACHE_MAX_WORD = 128;
    /** The cache is dropped wholesale when it reaches this many words; simple and lock-free. */
    private static final int CACHE_MAX_ENTRIES = 100_000;

    private final Map<String, Integer> idByToken;
    private final String[] tokenById;
    private final AddedToken[] addedById;
    private final List<AddedToken> addedTokens;
    private final int[] idByByte = new int[256];
    private final BpeMerger merger;
    private final int mergeCount;
    private final PreTokenizer preTokenizer;
    private final boolean nfc;
    private final AddedTokenMatcher addedMatcher;
    private final ConcurrentHashMap<String, int[]> wordCache = new ConcurrentHashMap<>();

    private BpeTokenizer(TokenizerSpec spec) {
        String src = spec.source();
        long largest = -1; // long: an id of 2^31-1 plus one must not wrap (the readers refuse negative ids)
        for (int id : spec.vocab().values()) largest = Math.max(largest, id);
        for (AddedToken t : spec.addedTokens()) largest = Math.max(largest, t.id());
        long defined = (long) spec.vocab().size() + spec.addedTokens().size();
        if (largest + 1 > 2 * defined + 1024) {   // a forged id must not make us allocate gigabytes
            throw new TokenizerException(src + ": largest id " + largest + " is far beyond the " + defined
                    + " tokens defined; the ids are not a vocabulary's");
        }
        int size = (int) (largest + 1);

        tokenById = new String[size];
        addedById = new AddedToken[size];
        for (var e : spec.vocab().entrySet()) {
            int id = e.getValue();
            if (tokenById[id] != null) {
                throw new TokenizerException(src + ": id " + id + " is used by both '" + tokenById[id]
                        + "' and '" + e.getKey() + "'");
            }
            tokenById[id] = e.getKey();
        }
        List<AddedToken> added = new ArrayList<>(spec.addedTokens());
        added.sort(Comparator.comparingInt(AddedToken::id));
        for (AddedToken t : added) {
            if (tokenById[t.id()] != null && !tokenById[t.id()].equals(t.content())) {
                throw new TokenizerException(src + ": added token '" + t.content() + "' has id " + t.id()
                        + ", which the vocabulary gives to '" + tokenById[t.id()] + "'");
            }
            if (addedById[t.id()] != null) {
                throw new TokenizerException(src + ": two added tokens share id " + t.id());
            }
            tokenById[t.id()] = t.content();
            addedById[t.id()] = t;
        }
        addedTokens = List.copyOf(added);

        for (int b = 0; b < 256; b++) {
            Integer id = spec.vocab().get(String.valueOf(ByteLevel.charOf(b)));
            if (id == null) {
                throw new TokenizerException(src + ": vocabulary lacks the single-byte token for byte 0x"
                        + Integer.toHexString(b) + " ('" + ByteLevel.charOf(b) + "'); not a byte-level BPE vocabulary");
            }
            idByByte[b] = id;
        }

        MergeTable.Builder merges = new MergeTable.Builder();
        List<String[]> pairs = spec.merges();
        for (int r = 0; r < pairs.size(); r++) {
            String[] p = pairs.get(r);
            Integer left = spec.vocab().get(p[0]);
            Integer right = spec.vocab().get(p[1]);
            Integer result = spec.vocab().get(p[0] + p[1]);
            if (left == null || right == null || result == null) {
                String missing = left == null ? p[0] : right == null ? p[1] : p[0] + p[1];
                throw new TokenizerException(src + ": merge " + (r + 1) + " '" + p[0] + " " + p[1]
                        + "' uses '" + missing + "', which is not in the vocabulary");
            }
            merges.add(left, right, result);
        }
        // the readers' vocabulary map becomes the lookup of every token: the added tokens join it only now,
        // after the byte tokens and merges were resolved in the vocabulary alone (a copy of 151k entries saved)
        Map<String, Integer> byToken = spec.vocab();
        for (AddedToken t : added) byToken.put(t.content(), t.id());
        idByToken = Collections.unmodifiableMap(byToken);
        MergeTable table = merges.build();
        mergeCount = table.size();
        merger = new BpeMerger(table);
        preTokenizer = PreTokenizer.of(spec.pattern(), spec.addPrefixSpace(), src);
        nfc = spec.nfc();
        addedMatcher = new AddedTokenMatcher(addedTokens);
    }

    // ---------------------------------------------------------------- loading

    /**
     * Loads a tokenizer folder: {@code tokenizer.json} when present, otherwise {@code vocab.json} +
     * {@code merges.txt} with {@code added_tokens.json}, {@code tokenizer_config.json} and
     * {@code special_tokens_map.json} where present.
     *
     * @throws TokenizerException when the folder or a needed file is missing, malformed or unsupported
     */
    public static BpeTokenizer load(Path dir) {
        requireFolder(dir);
        return Files.exists(dir.resolve(TokenizerJsonReader.TOKENIZER_JSON)) ? loadTokenizerJson(dir) : loadVocabAndMerges(dir);
    }

    /** Loads {@code dir/tokenizer.json} (normaliser, pre-tokenizer, vocabulary, merges and added tokens). */
    public static BpeTokenizer loadTokenizerJson(Path dir) {
        requireFolder(dir);
        return new BpeTokenizer(TokenizerJsonReader.read(dir.resolve(TokenizerJsonReader.TOKENIZER_JSON)));
    }

    /**
     * Loads {@code vocab.json} + {@code merges.txt} (and the optional config files). NFC and Qwen2's
     * pattern apply when {@code tokenizer_config.json} names a {@code Qwen2*} tokenizer class; GPT-2's
     * pattern without normalisation otherwise.
     */
    public static BpeTokenizer loadVocabAndMerges(Path dir) {
        requireFolder(dir);
        return new BpeTokenizer(VocabMergesReader.read(dir));
    }

    /** {@code tokenizer.json} in memory; {@code file} names it in messages (the fuzz tests' seam). */
    static BpeTokenizer fromTokenizerJson(Path file, byte[] json) {
        return new BpeTokenizer(TokenizerJsonReader.read(file, json));
    }

    /** {@code vocab.json} and {@code merges.txt} in memory, optional files from {@code dir} (the fuzz tests' seam). */
    static BpeTokenizer fromVocabAndMerges(Path dir, byte[] vocabJson, byte[] mergesTxt) {
        return new BpeTokenizer(VocabMergesReader.read(dir, vocabJson, mergesTxt));
    }

    private static void requireFolder(Path dir) {
        Objects.requireNonNull(dir, "dir");
        if (!Files.isDirectory(dir)) throw new TokenizerException("tokenizer folder not found: " + dir);
    }

    // ---------------------------------------------------------------- encoding

    /**
     * Encodes {@code text}; added-token strings in it become their ids (Hugging Face's default).
     *
     * @throws IllegalArgumentException when {@code text} holds an unpaired surrogate
     */
    public int[] encode(String text) {
        Objects.requireNonNull(text, "text");
        IntBuffer out = new IntBuffer();
        addedMatcher.split(text, new AddedTokenMatcher.Sink() {
            @Override
            public void text(String plain) {
                encodePlain(plain, out);
            }

            @Override
            public void token(AddedToken token) {
                out.add(token.id());
            }
        });
        return out.toArray();
    }

    /** Encodes {@code text} as plain text: added-token strings are spelled out like any other text. */
    public int[] encodeOrdinary(String text) {
        Objects.requireNonNull(text, "text");
        IntBuffer out = new IntBuffer();
        encodePlain(text, out);
        return out.toArray();
    }

    private void encodePlain(String text, IntBuffer out) {
        requireWellFormed(text);
        if (nfc && !Normalizer.isNormalized(text, Normalizer.Form.NFC)) {
            text = Normalizer.normalize(text, Normalizer.Form.NFC);
        }
        preTokenizer.split(text, piece -> out.addAll(encodeWord(piece)));
    }

    /** Java strings may hold unpaired surrogates, which have no UTF-8 form; refuse rather than guess. */
    private static void requireWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isSurrogate(c)) continue;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else {
                throw new IllegalArgumentException(String.format(
                        "text has an unpaired surrogate U+%04X at index %d; it cannot be encoded as UTF-8", (int) c, i));
            }
        }
    }

    private int[] encodeWord(String piece) {
        boolean cacheable = piece.length() <= CACHE_MAX_WORD;
        if (cacheable) {
            int[] cached = wordCache.get(piece);
            if (cached != null) return cached;
        }
        byte[] utf8 = piece.getBytes(StandardCharsets.UTF_8);
        int[] symbols = new int[utf8.length];
        for (int i = 0; i < utf8.length; i++) symbols[i] = idByByte[utf8[i] & 0xFF];
        int[] ids = merger.merge(symbols);
        if (cacheable) {
            if (wordCache.size() >= CACHE_MAX_ENTRIES) wordCache.clear();
            wordCache.put(piece, ids);
        }
        return ids;
    }

    // ---------------------------------------------------------------- decoding

    /** The tokens' bytes joined: a vocabulary token gives the bytes it spells, an added token its UTF-8 content. */
    public byte[] decodeBytes(int[] ids) {
        return joinBytes(ids, false);
    }

    /** {@link #decodeBytes} as lossy UTF-8: one U+FFFD per maximal invalid subsequence, no space clean-up. */
    public String decode(int[] ids) {
        return decode(ids, false);
    }

    /** As {@link #decode(int[])}, leaving out added tokens marked special when {@code skipSpecial}. */
    public String decode(int[] ids, boolean skipSpecial) {
        return Utf8Lossy.decode(joinBytes(ids, skipSpecial));
    }

    private byte[] joinBytes(int[] ids, boolean skipSpecial) {
        Objects.requireNonNull(ids, "ids");
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length * 4);
        for (int id : ids) {
            byte[] b = bytesOf(id);
            if (skipSpecial && addedById[id] != null && addedById[id].special()) continue;
            out.write(b, 0, b.length);
        }
        return out.toByteArray();
    }

    /**
     * The bytes a token stands for, spelt out when asked: kept for all 151k tokens they would be as many
     * arrays built at load and copied by each young collection, for the few tokens a transcript decodes.
     */
    private byte[] bytesOf(int id) {
        requireToken(id);
        AddedToken added = addedById[id];
        return added != null ? added.content().getBytes(StandardCharsets.UTF_8) : ByteLevel.bytesOf(tokenById[id]);
    }

    private void requireToken(int id) {
        if (id < 0 || id >= tokenById.length || tokenById[id] == null) {
            throw new IllegalArgumentException("no token with id " + id + " (ids run 0.." + (tokenById.length - 1) + ")");
        }
    }

    // ---------------------------------------------------------------- vocabulary

    /** The id of a vocabulary string (byte-level spelling, e.g. {@code "Ġthe"}) or added-token content. */
    public OptionalInt id(String token) {
        Integer id = idByToken.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The vocabulary string of {@code id} (byte-level spelling), or the added token's content. */
    public String token(int id) {
        requireToken(id);
        return tokenById[id];
    }

    /** One more than the largest id. */
    public int size() {
        return tokenById.length;
    }

    /** Whether {@code id} is an added token marked special (left out by {@code decode(ids, true)}). */
    public boolean isSpecial(int id) {
        requireToken(id);
        return addedById[id] != null && addedById[id].special();
    }

    /** Whether {@code id} is an added token (matched as a whole string by {@link #encode}). */
    public boolean isAdded(int id) {
        requireToken(id);
        return addedById[id] != null;
    }

    /** The added tokens, by id. */
    public List<AddedToken> addedTokens() {
        return addedTokens;
    }

    /** The added tokens' contents, in id order. */
    public Set<String> addedTokenContents() {
        Set<String> s = new LinkedHashSet<>();
        addedTokens.forEach(t -> s.add(t.content()));
        return Collections.unmodifiableSet(s);
    }

    /** Whether text is NFC-normalised before encoding (Qwen2-style tokenizers). */
    public boolean normalizesNfc() {
        return nfc;
    }

    /** The pre-tokenizer's split pattern. */
    public String splitPattern() {
        return preTokenizer.pattern();
    }

    /** The number of merge rules. */
    public int mergeCount() {
        return mergeCount;
    }

    @Override
    public String toString() {
        return "BpeTokenizer[size=" + size() + ", merges=" + mergeCount + ", added=" + addedTokens.size()
                + ", nfc=" + nfc + "]";
    }

}

package io.github.asr4j.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the older Hugging Face layout: {@code vocab.json} + {@code merges.txt}, with added tokens from
 * {@code tokenizer_config.json} ({@code added_tokens_decoder}), {@code added_tokens.json} and
 * {@code special_tokens_map.json}.
 */
final class VocabMergesReader {
    static final String VOCAB_JSON = "vocab.json";
    static final String MERGES_TXT = "merges.txt";
    static final String ADDED_TOKENS_JSON = "added_tokens.json";
    static final String TOKENIZER_CONFIG_JSON = "tokenizer_config.json";
    static final String SPECIAL_TOKENS_MAP_JSON = "special_tokens_map.json";

    private VocabMergesReader() {}

    static TokenizerSpec read(Path dir) {
        Path mergesFile = dir.resolve(MERGES_TXT);
        return read(dir, JsonFiles.readVocabFile(dir.resolve(VOCAB_JSON)),
                readMergesTxt(mergesFile, () -> Files.newBufferedReader(mergesFile, StandardCharsets.UTF_8)));
    }

    /**
     * {@code vocab.json} and {@code merges.txt} already in memory, the optional files from {@code dir}
     * where present (the fuzz tests' seam).
     */
    static TokenizerSpec read(Path dir, byte[] vocabJson, byte[] mergesTxt) {
        Path mergesFile = dir.resolve(MERGES_TXT);
        return read(dir, JsonFiles.readVocab(dir.resolve(VOCAB_JSON), () -> JsonFiles.JSON.createParser(vocabJson)),
                readMergesTxt(mergesFile, () -> new BufferedReader(new java.io.InputStreamReader(
                        new java.io.ByteArrayInputStream(mergesTxt), StandardCharsets.UTF_8.newDecoder()))));
    }

    private static TokenizerSpec read(Path dir, Map<String, Integer> vocab, List<String[]> merges) {

        JsonNode config = JsonFiles.readOptionalJson(dir.resolve(TOKENIZER_CONFIG_JSON));
        Set<String> specialNames = new HashSet<>();
        collectTokenNames(JsonFiles.readOptionalJson(dir.resolve(SPECIAL_TOKENS_MAP_JSON)), specialNames);
        if (config != null) {
            for (String key : List.of("bos_token", "eos_token", "unk_token", "pad_token", "sep_token",
                    "cls_token", "mask_token", "additional_special_tokens")) {
                collectTokenNames(config.get(key), specialNames);
            }
        }

        // id -> token; tokenizer_config's added_tokens_decoder carries the special flags, added_tokens.json only ids
        Map<Integer, AddedToken> added = new TreeMap<>();
        JsonNode decoder = config == null ? null : config.get("added_tokens_decoder");
        if (decoder != null && !decoder.isNull()) {
            if (!decoder.isObject()) {
                throw new TokenizerException(TOKENIZER_CONFIG_JSON + ": added_tokens_decoder is not an object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = decoder.fields(); it.hasNext(); ) {
                var e = it.next();
                String where = TOKENIZER_CONFIG_JSON + ": added_tokens_decoder[\"" + e.getKey() + "\"]";
                int id = JsonFiles.parseId(e.getKey(), where);
                JsonNode content = e.getValue().get("content");
                if (content == null || !content.isTextual()) {
                    throw new TokenizerException(where + ": content is missing or not a string");
                }
                added.put(id, new AddedToken(id, content.asText(), e.getValue().path("special").asBoolean(false)));
            }
        }
        JsonNode addedJson = JsonFiles.readOptionalJson(dir.resolve(ADDED_TOKENS_JSON));
        if (addedJson != null) {
            Map<String, Integer> extra = JsonFiles.readVocab(addedJson, ADDED_TOKENS_JSON);
            extra.forEach((content, id) -> {
                AddedToken known = added.get(id);
                if (known == null) {
                    added.put(id, new AddedToken(id, content, specialNames.contains(content)));
                } else if (!known.content().equals(content)) {
                    throw new TokenizerException(ADDED_TOKENS_JSON + ": id " + id + " is '" + content + "' but "
                            + TOKENIZER_CONFIG_JSON + " says '" + known.content() + "'");
                }
            });
        }

        String tokenizerClass = config == null ? null : JsonFiles.textOr(config.get("tokenizer_class"), null);
        boolean qwen = tokenizerClass != null && tokenizerClass.startsWith("Qwen2");
        if (tokenizerClass != null && !qwen && !isGpt2Family(tokenizerClass)) {
            throw new TokenizerException(TOKENIZER_CONFIG_JSON + ": tokenizer_class " + tokenizerClass
                    + " is not a byte-level BPE class this loader knows; provide tokenizer.json");
        }
        boolean prefixSpace = config != null && config.path("add_prefix_space").asBoolean(false);
        return new TokenizerSpec(vocab, merges, new ArrayList<>(added.values()), qwen,
                qwen ? PreTokenizer.QWEN2_PATTERN : PreTokenizer.GPT2_PATTERN, prefixSpace,
                dir.resolve(VOCAB_JSON) + " + " + MERGES_TXT);
    }

    private static boolean isGpt2Family(String cls) {
        return cls.startsWith("Whisper") || cls.startsWith("GPT2") || cls.startsWith("Roberta")
                || cls.startsWith("Bart") || cls.startsWith("CodeGen");
    }

    private static void collectTokenNames(JsonNode n, Set<String> out) {
        if (n == null || n.isNull()) return;
        if (n.isTextual()) {
            out.add(n.asText());
        } else if (n.isArray()) {
            n.forEach(e -> collectTokenNames(e, out));
        } else if (n.isObject()) {
            if (n.has("content")) {
                collectTokenNames(n.get("content"), out);
            } else {
                n.forEach(e -> collectTokenNames(e, out));
            }
        }
    }

    /** Opens merges.txt as a reader that reports malformed UTF-8. */
    @FunctionalInterface
    private interface LinesSource {
        BufferedReader open() throws IOException;
    }

    private static List<String[]> readMergesTxt(Path file, LinesSource source) {
        List<String[]> merges = new ArrayList<>();
        try (BufferedReader r = source.open()) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("#version")) continue;
                if (line.isEmpty()) continue;
                merges.add(JsonFiles.splitMerge(line, MERGES_TXT + " line " + lineNo));
            }
        } catch (NoSuchFileException e) {
            throw new TokenizerException(MERGES_TXT + ": file not found: " + file, e);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new TokenizerException(MERGES_TXT + ": not valid UTF-8: " + file, e);
        } catch (IOException e) {
            throw new TokenizerException(MERGES_TXT + ": cannot read " + file + ": " + e.getMessage(), e);
        }
        return merges;
    }
}

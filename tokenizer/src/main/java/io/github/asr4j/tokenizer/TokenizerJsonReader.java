package io.github.asr4j.tokenizer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads a Hugging Face {@code tokenizer.json}: BPE model, added tokens, NFC normaliser and split pattern. */
final class TokenizerJsonReader {
    static final String TOKENIZER_JSON = "tokenizer.json";

    private TokenizerJsonReader() {}

    static TokenizerSpec read(Path file) {
        return read(file, () -> JsonFiles.JSON.createParser(file.toFile()));
    }

    /** {@code tokenizer.json} already in memory; {@code file} names it in messages (the fuzz tests' seam). */
    static TokenizerSpec read(Path file, byte[] json) {
        return read(file, () -> JsonFiles.JSON.createParser(json));
    }

    private static TokenizerSpec read(Path file, JsonFiles.ParserSource source) {
        String name = file.getFileName().toString();
        ModelSection model = null;
        Map<String, JsonNode> sections = new HashMap<>();
        // streamed: the vocabulary and merges of a large model are most of the file, a tree of them costs seconds
        try (JsonParser p = source.open()) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new TokenizerException(name + ": top level is not a JSON object in " + file);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "model" -> model = readModel(p, name);
                    case "added_tokens", "normalizer", "pre_tokenizer", "decoder" ->
                            sections.put(field, p.readValueAsTree());
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new TokenizerException(name + ": unexpected content after the top-level object"
                        + JsonFiles.at(p.currentLocation()));
            }
        } catch (JsonProcessingException e) {
            throw JsonFiles.malformed(name, file, e);
        } catch (java.io.FileNotFoundException | NoSuchFileException e) {
            throw new TokenizerException(name + ": file not found: " + file, e);
        } catch (IOException e) {
            throw new TokenizerException(name + ": cannot read " + file + ": " + e.getMessage(), e);
        }
        if (model == null) throw new TokenizerException(name + ": model is missing");
        if (!model.type.equals("BPE")) {
            throw new TokenizerException(name + ": model.type is " + model.type + "; only BPE is supported");
        }
        if (model.vocab == null) throw new TokenizerException(name + ": model.vocab is missing");
        if (model.merges == null) throw new TokenizerException(name + ": model.merges is missing");

        List<AddedToken> added = new ArrayList<>();
        JsonNode addedNode = sections.get("added_tokens");
        if (addedNode != null && !addedNode.isNull()) {
            if (!addedNode.isArray()) throw new TokenizerException(name + ": added_tokens is not an array");
            for (int i = 0; i < addedNode.size(); i++) {
                JsonNode t = addedNode.get(i);
                String where = name + ": added_tokens[" + i + "]";
                JsonNode id = t.get("id");
                JsonNode content = t.get("content");
                if (id == null || !id.canConvertToInt() || id.asInt() < 0 || content == null || !content.isTextual()) {
                    throw new TokenizerException(where + ": needs a non-negative int id and a string content, found "
                            + JsonFiles.abbreviate(t));
                }
                added.add(new AddedToken(id.asInt(), content.asText(), t.path("special").asBoolean(false)));
            }
        }
        boolean nfc = readNormalizer(sections.get("normalizer"), name);
        PreTokenizerChoice pre = readPreTokenizer(sections.get("pre_tokenizer"), name);
        JsonNode decoder = sections.get("decoder");
        if (decoder != null && !decoder.isNull() && !"ByteLevel".equals(decoder.path("type").asText())) {
            throw new TokenizerException(name + ": decoder type " + decoder.path("type").asText()
                    + " is not supported (only ByteLevel)");
        }
        return new TokenizerSpec(model.vocab, model.merges, added, nfc, pre.pattern, pre.addPrefixSpace, file.toString());
    }

    /** The parts of tokenizer.json's {@code model} this loader uses. */
    private static final class ModelSection {
        String type = "BPE";
        Map<String, Integer> vocab;
        List<String[]> merges;
    }

    private static ModelSection readModel(JsonParser p, String name) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new TokenizerException(name + ": model is not an object" + JsonFiles.at(p.currentLocation()));
        }
        ModelSection m = new ModelSection();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "type" -> m.type = p.getValueAsString("BPE");
                case "continuing_subword_prefix", "end_of_word_suffix" -> {
                    String v = value == JsonToken.VALUE_NULL ? "" : p.getValueAsString("");
                    if (!v.isEmpty()) {
                        throw new TokenizerException(name + ": model." + field + " '" + v + "' is not supported");
                    }
                }
                case "vocab" -> m.vocab = JsonFiles.readVocabStream(p, name + ": model.vocab");
                case "merges" -> m.merges = JsonFiles.readMergesStream(p, name + ": model.merges");
                default -> p.skipChildren();
            }
        }
        return m;
    }

    private record PreTokenizerChoice(String pattern, boolean addPrefixSpace) {}

    private static boolean readNormalizer(JsonNode n, String name) {
        if (n == null || n.isNull()) return false;
        String type = n.path("type").asText();
        if (type.equals("NFC")) return true;
        if (type.equals("Sequence")) {
            boolean nfc = false;
            for (JsonNode inner : n.path("normalizers")) {
                nfc |= readNormalizer(inner, name);
            }
            return nfc;
        }
        throw new TokenizerException(name + ": normalizer type '" + type + "' is not supported (only NFC)");
    }

    private static PreTokenizerChoice readPreTokenizer(JsonNode n, String name) {
        if (n == null || n.isNull()) {
            throw new TokenizerException(name + ": pre_tokenizer is missing; byte-level BPE needs one");
        }
        List<JsonNode> steps = new ArrayList<>();
        if ("Sequence".equals(n.path("type").asText())) {
            n.path("pretokenizers").forEach(steps::add);
        } else {
            steps.add(n);
        }
        String pattern = null;
        boolean prefixSpace = false;
        for (JsonNode step : steps) {
            String type = step.path("type").asText();
            switch (type) {
                case "ByteLevel" -> {
                    prefixSpace |= step.path("add_prefix_space").asBoolean(true);
                    if (step.path("use_regex").asBoolean(true)) {
                        if (pattern != null) {
                            throw new TokenizerException(name + ": pre_tokenizer has two split patterns");
                        }
                        pattern = PreTokenizer.GPT2_PATTERN;
                    }
                }
                case "Split" -> {
                    if (pattern != null) throw new TokenizerException(name + ": pre_tokenizer has two split patterns");
                    String behavior = step.path("behavior").asText();
                    if (!behavior.equals("Isolated") || step.path("invert").asBoolean(false)) {
                        throw new TokenizerException(name + ": Split behavior '" + behavior
                                + "' (invert=" + step.path("invert").asBoolean(false) + ") is not supported");
                    }
                    JsonNode p = step.path("pattern");
                    if (p.has("Regex")) {
                        pattern = p.get("Regex").asText();
                    } else if (p.has("String")) {
                        pattern = java.util.regex.Pattern.quote(p.get("String").asText());
                    } else {
                        throw new TokenizerException(name + ": Split pattern needs Regex or String: " + JsonFiles.abbreviate(p));
                    }
                }
                default -> throw new TokenizerException(name + ": pre_tokenizer type '" + type + "' is not supported");
            }
        }
        if (pattern == null) throw new TokenizerException(name + ": pre_tokenizer has no split pattern");
        return new PreTokenizerChoice(pattern, prefixSpace);
    }
}

package io.github.asr4j.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a small byte-level tokenizer folder: the 256 byte tokens (ids 0..255), a few merges, added tokens. */
final class TinyFolder {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Merges in rank order; their results get ids 256, 257, ... */
    static final List<String> MERGES = List.of("h e", "l l", "he ll", "hell o", "Ġ w");

    private TinyFolder() {}

    static ObjectNode vocab() {
        ObjectNode v = JSON.createObjectNode();
        for (int b = 0; b < 256; b++) v.put(String.valueOf(ByteLevel.charOf(b)), b);
        int id = 256;
        for (String m : MERGES) v.put(m.replace(" ", ""), id++);
        return v;
    }

    static final int FIRST_ADDED = 256 + 5;

    static ArrayNode addedTokens() {
        ArrayNode a = JSON.createArrayNode();
        a.add(added(FIRST_ADDED, "<a>", true));
        a.add(added(FIRST_ADDED + 1, "<ab>", true));
        a.add(added(FIRST_ADDED + 2, "<t>", false));
        return a;
    }

    private static ObjectNode added(int id, String content, boolean special) {
        ObjectNode t = JSON.createObjectNode();
        t.put("id", id).put("content", content).put("special", special).put("normalized", false);
        return t;
    }

    static ObjectNode tokenizerJson() {
        ObjectNode root = JSON.createObjectNode();
        root.set("added_tokens", addedTokens());
        root.putNull("normalizer");
        ObjectNode pre = root.putObject("pre_tokenizer");
        pre.put("type", "ByteLevel").put("add_prefix_space", false).put("use_regex", true);
        root.putObject("decoder").put("type", "ByteLevel");
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.set("vocab", vocab());
        ArrayNode merges = model.putArray("merges");
        MERGES.forEach(merges::add);
        return root;
    }

    static Path writeTokenizerJson(Path dir) {
        write(dir.resolve("tokenizer.json"), tokenizerJson().toString());
        return dir;
    }

    static Path writeVocabAndMerges(Path dir) {
        write(dir.resolve("vocab.json"), vocab().toString());
        write(dir.resolve("merges.txt"), "#version: 0.2\n" + String.join("\n", MERGES) + "\n");
        return dir;
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

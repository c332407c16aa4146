package io.github.asr4j.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Missing, malformed and unsupported files fail with a TokenizerException that names the file and the problem. */
class TokenizerLoadingTest {
    @TempDir
    Path dir;

    @Test
    void missingFolder() {
        Path nowhere = dir.resolve("nowhere");
        assertThatThrownBy(() -> BpeTokenizer.load(nowhere)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("folder not found").hasMessageContaining(nowhere.toString());
    }

    @Test
    void emptyFolderNamesVocabJson() {
        assertThatThrownBy(() -> BpeTokenizer.load(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("vocab.json").hasMessageContaining("not found");
    }

    @Test
    void missingMergesTxt() {
        TinyFolder.write(dir.resolve("vocab.json"), TinyFolder.vocab().toString());
        assertThatThrownBy(() -> BpeTokenizer.load(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("merges.txt").hasMessageContaining("not found");
    }

    @Test
    void malformedTokenizerJsonGivesLineAndColumn() {
        String json = TinyFolder.tokenizerJson().toPrettyString();
        TinyFolder.write(dir.resolve("tokenizer.json"), json.substring(0, json.length() / 2));
        assertThatThrownBy(() -> BpeTokenizer.load(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("tokenizer.json: malformed JSON").hasMessageContaining("line ");
    }

    @Test
    void malformedVocabJson() {
        TinyFolder.writeVocabAndMerges(dir);
        TinyFolder.write(dir.resolve("vocab.json"), "{\"a\": 1,,}");
        assertThatThrownBy(() -> BpeTokenizer.load(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("vocab.json: malformed JSON").hasMessageContaining("column");
    }

    @Test
    void vocabIdThatIsNotAnInt() {
        TinyFolder.writeVocabAndMerges(dir);
        TinyFolder.write(dir.resolve("vocab.json"), "{\"a\": \"x\"}");
        assertThatThrownBy(() -> BpeTokenizer.load(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("vocab.json").hasMessageContaining("'a'");
    }

    @Test
    void badMergeLineNamesTheLine() {
        TinyFolder.writeVocabAndMerges(dir);
        TinyFolder.write(dir.resolve("merges.txt"), "#version: 0.2\nh e\nl l x\n");
        assertThatThrownBy(() -> BpeTokenizer.load(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("merges.txt line 3");
    }

    @Test
    void mergeOutsideTheVocabulary() {
        TinyFolder.writeVocabAndMerges(dir);
        TinyFolder.write(dir.resolve("merges.txt"), "h e\nx y\n");
        assertThatThrownBy(() -> BpeTokenizer.load(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("merge 2 'x y'").hasMessageContaining("'xy'");
    }

    @Test
    void vocabularyWithoutAllBytes() {
        ObjectNode root = TinyFolder.tokenizerJson();
        ((ObjectNode) root.get("model").get("vocab")).remove("!");
        ((ObjectNode) root.get("model")).putArray("merges");
        TinyFolder.write(dir.resolve("tokenizer.json"), root.toString());
        assertThatThrownBy(() -> BpeTokenizer.load(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("byte 0x21");
    }

    @Test
    void forgedHugeIdIsRefusedWithoutAllocating() {
        ObjectNode root = TinyFolder.tokenizerJson();
        ((ObjectNode) root.get("model").get("vocab")).put("zz", 2_000_000_000);
        TinyFolder.write(dir.resolve("tokenizer.json"), root.toString());
        assertThatThrownBy(() -> BpeTokenizer.load(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("2000000000");
    }

    @Test
    void duplicateIdInTheVocabulary() {
        ObjectNode root = TinyFolder.tokenizerJson();
        ((ObjectNode) root.get("model").get("vocab")).put("zz", 65);
        TinyFolder.write(dir.resolve("tokenizer.json"), root.toString());
        assertThatThrownBy(() -> BpeTokenizer.load(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("id 65").hasMessageContaining("zz");
    }

    @Test
    void unsupportedModelType() {
        ObjectNode root = TinyFolder.tokenizerJson();
        ((ObjectNode) root.get("model")).put("type", "WordPiece");
        TinyFolder.write(dir.resolve("tokenizer.json"), root.toString());
        assertThatThrownBy(() -> BpeTokenizer.load(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("tokenizer.json").hasMessageContaining("WordPiece");
    }

    @Test
    void unsupportedNormalizer() {
        ObjectNode root = TinyFolder.tokenizerJson();
        root.putObject("normalizer").put("type", "Lowercase");
        TinyFolder.write(dir.resolve("tokenizer.json"), root.toString());
        assertThatThrownBy(() -> BpeTokenizer.load(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("normalizer").hasMessageContaining("Lowercase");
    }

    @Test
    void badMergeEntryInTokenizerJson() {
        ObjectNode root = TinyFolder.tokenizerJson();
        ((ObjectNode) root.get("model")).putArray("merges").add(42);
        TinyFolder.write(dir.resolve("tokenizer.json"), root.toString());
        assertThatThrownBy(() -> BpeTokenizer.load(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("model.merges[0]");
    }

    @Test
    void unknownTokenizerClassOnTheVocabPath() {
        TinyFolder.writeVocabAndMerges(dir);
        TinyFolder.write(dir.resolve("tokenizer_config.json"), "{\"tokenizer_class\": \"LlamaTokenizer\"}");
        assertThatThrownBy(() -> BpeTokenizer.load(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("tokenizer_config.json").hasMessageContaining("LlamaTokenizer");
    }

    @Test
    void conflictingAddedTokenIds() {
        TinyFolder.writeVocabAndMerges(dir);
        TinyFolder.write(dir.resolve("added_tokens.json"), "{\"<x>\": 300}");
        TinyFolder.write(dir.resolve("tokenizer_config.json"),
                "{\"added_tokens_decoder\": {\"300\": {\"content\": \"<y>\", \"special\": true}}}");
        assertThatThrownBy(() -> BpeTokenizer.load(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("added_tokens.json").hasMessageContaining("<x>").hasMessageContaining("<y>");
    }

    @Test
    void tokenizerJsonIsPreferredOverVocabAndMerges() throws Exception {
        TinyFolder.writeTokenizerJson(dir);
        TinyFolder.write(dir.resolve("vocab.json"), "not json at all");
        BpeTokenizer tok = BpeTokenizer.load(dir);
        assertThat(tok.encode("hello")).containsExactly(259);
        assertThat(Files.exists(dir.resolve("merges.txt"))).isFalse();
    }
}

package io.github.asr4j.tokenizer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.asr4j.testkit.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token ids that once overflowed an array size: typed errors naming the file and the id. */
class HostileTokenizerTest {
    @TempDir
    Path dir;

    @Test
    void idOfIntMaxFromTheHostileCorpus() {
        Path folder = SharedData.require("hostile/tokenizer_vocab_id_intmax");
        assertThatThrownBy(() -> BpeTokenizer.load(folder)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("tokenizer.json").hasMessageContaining("largest id 2147483647");
    }

    @Test
    void negativeIdIsRefused() {
        ObjectNode json = TinyFolder.tokenizerJson();
        ((ObjectNode) json.with("model").with("vocab")).put("zz", -7);
        TinyFolder.write(dir.resolve("tokenizer.json"), json.toString());
        assertThatThrownBy(() -> BpeTokenizer.load(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("token 'zz' has id -7");
    }
}

package io.github.asr4j.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.tokenizer.Goldens.Line;
import io.github.asr4j.tokenizer.Goldens.Source;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every line of every folder's goldens.jsonl, goldens_special.jsonl and goldens_decode.jsonl, both loading paths. */
class EncodeGoldenTest {

    static Stream<Arguments> plain() {
        return Goldens.everyLine("goldens.jsonl");
    }

    static Stream<Arguments> special() {
        return Goldens.everyLine("goldens_special.jsonl");
    }

    static Stream<Arguments> decode() {
        return Goldens.everyLine("goldens_decode.jsonl");
    }

    /** Also makes the skip visible (with SharedData's message) when the shared data is absent. */
    @Test
    void everyGoldenFileIsReadInFull() {
        for (String folder : Goldens.FOLDERS) {
            assertThat(Goldens.lines(folder, "goldens.jsonl")).as(folder).hasSize(428);
            assertThat(Goldens.lines(folder, "goldens_special.jsonl")).as(folder).hasSize(42);
        }
        assertThat(Goldens.lines("whisper-multilingual", "goldens_decode.jsonl")).hasSize(115);
        assertThat(Goldens.lines("whisper-v3", "goldens_decode.jsonl")).hasSize(115);
        assertThat(Goldens.lines("whisper-english", "goldens_decode.jsonl")).hasSize(134);
        assertThat(Goldens.lines("qwen3-asr", "goldens_decode.jsonl")).hasSize(82);
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("plain")
    void encodesPlainText(Line line, Source source) {
        BpeTokenizer tok = Goldens.tokenizer(line.folder(), source);
        String text = line.json().get("text").asText();
        int[] expected = Goldens.ints(line.json().get("ids"));
        assertThat(tok.encodeOrdinary(text)).as("encodeOrdinary").containsExactly(expected);
        assertThat(tok.encode(text)).as("encode (no added-token strings in these texts)").containsExactly(expected);
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("special")
    void encodesAddedTokenStrings(Line line, Source source) {
        BpeTokenizer tok = Goldens.tokenizer(line.folder(), source);
        String text = line.json().get("text").asText();
        assertThat(tok.encode(text)).as("encode = ids_as_special")
                .containsExactly(Goldens.ints(line.json().get("ids_as_special")));
        assertThat(tok.encodeOrdinary(text)).as("encodeOrdinary = ids_as_text")
                .containsExactly(Goldens.ints(line.json().get("ids_as_text")));
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("decode")
    void decodes(Line line, Source source) {
        BpeTokenizer tok = Goldens.tokenizer(line.folder(), source);
        int[] ids = Goldens.ints(line.json().get("ids"));
        assertThat(java.util.HexFormat.of().formatHex(tok.decodeBytes(ids))).as("bytes_hex")
                .isEqualTo(line.json().get("bytes_hex").asText());
        assertThat(tok.decode(ids)).as("text").isEqualTo(line.json().get("text").asText());
        assertThat(tok.decode(ids, true)).as("text_skip_special")
                .isEqualTo(line.json().get("text_skip_special").asText());
    }
}

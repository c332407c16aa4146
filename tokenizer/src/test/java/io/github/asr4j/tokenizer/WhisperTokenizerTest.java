package io.github.asr4j.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.tokenizer.Goldens.Source;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Whisper's control-token ids against the table in testdata/tokenizers/README.md, prompts and decoding. */
class WhisperTokenizerTest {

    /** One column of the README's "Whisper special-token ids" table. */
    record Layout(String folder, int eot, int sot, int firstLanguage, int lastLanguage, String lastLanguageCode,
                  int translate, int transcribe, int startOfLm, int startOfPrev, int noSpeech, String noSpeechName,
                  int noTimestamps, int timestampBegin, int lastTimestamp, int size, boolean multilingual) {
        @Override
        public String toString() {
            return folder;
        }
    }

    static final Layout MULTILINGUAL = new Layout("whisper-multilingual", 50257, 50258, 50259, 50357, "su",
            50358, 50359, 50360, 50361, 50362, "<|nocaptions|>", 50363, 50364, 51864, 51865, true);
    static final Layout V3 = new Layout("whisper-v3", 50257, 50258, 50259, 50358, "yue",
            50359, 50360, 50361, 50362, 50363, "<|nospeech|>", 50364, 50365, 51865, 51866, true);
    static final Layout ENGLISH = new Layout("whisper-english", 50256, 50257, 50258, 50356, "su",
            50357, 50358, 50359, 50360, 50361, "<|nocaptions|>", 50362, 50363, 51863, 51864, false);

    static Stream<Arguments> layouts() {
        return Stream.of(MULTILINGUAL, V3, ENGLISH)
                .flatMap(l -> Stream.of(Source.values()).map(s -> Arguments.of(l, s)));
    }

    private static WhisperTokenizer whisper(Layout l, Source s) {
        return WhisperTokenizer.of(Goldens.tokenizer(l.folder(), s));
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("layouts")
    void controlTokenIdsMatchTheReadmeTable(Layout l, Source s) {
        WhisperTokenizer w = whisper(l, s);
        assertThat(w.eot()).as("eot").isEqualTo(l.eot());
        assertThat(w.sot()).as("sot").isEqualTo(l.sot());
        assertThat(w.languageId("en")).as("<|en|>").isEqualTo(l.firstLanguage());
        assertThat(w.languageId(l.lastLanguageCode())).as("last language").isEqualTo(l.lastLanguage());
        assertThat(w.translate()).as("translate").isEqualTo(l.translate());
        assertThat(w.transcribe()).as("transcribe").isEqualTo(l.transcribe());
        assertThat(w.startOfLm()).as("startoflm").isEqualTo(l.startOfLm());
        assertThat(w.startOfPrev()).as("startofprev").isEqualTo(l.startOfPrev());
        assertThat(w.noSpeech()).as("no-speech").isEqualTo(l.noSpeech());
        assertThat(w.bpe().token(w.noSpeech())).isEqualTo(l.noSpeechName());
        assertThat(w.noTimestamps()).as("notimestamps").isEqualTo(l.noTimestamps());
        assertThat(w.timestampBegin()).as("<|0.00|>").isEqualTo(l.timestampBegin());
        assertThat(w.bpe().token(l.lastTimestamp())).isEqualTo("<|30.00|>");
        assertThat(w.bpe().size()).as("size").isEqualTo(l.size());
        assertThat(w.isMultilingual()).isEqualTo(l.multilingual());
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("layouts")
    void languagesFollowOpenAiOrder(Layout l, Source s) {
        WhisperTokenizer w = whisper(l, s);
        List<String> langs = w.languages();
        assertThat(langs).hasSize(l.lastLanguage() - l.firstLanguage() + 1);
        assertThat(langs.subList(0, 8)).containsExactly("en", "zh", "de", "es", "ru", "ko", "fr", "ja");
        assertThat(langs.get(langs.size() - 1)).isEqualTo(l.lastLanguageCode());
        for (int i = 0; i < langs.size(); i++) {
            assertThat(w.languageId(langs.get(i))).isEqualTo(l.sot() + 1 + i);
        }
        // Hebrew is <|iw|> before v3 and <|he|> in v3, at the same id; asr4j names it "he" as openai does
        int hebrew = l == ENGLISH ? 50278 : 50279;
        assertThat(w.bpe().token(hebrew)).isEqualTo(l == V3 ? "<|he|>" : "<|iw|>");
        assertThat(w.languageId("he")).isEqualTo(hebrew);
        assertThat(w.languageId("iw")).isEqualTo(hebrew);
        assertThat(w.languageOf(hebrew)).contains("he");
        assertThat(langs).contains("he").doesNotContain("iw");
        assertThat(w.languageOf(w.languageId("de"))).contains("de");
        assertThatThrownBy(() -> w.languageId("xx")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'xx'");
    }

    @Test
    void multilingualPromptIsSotLanguageTaskAndOptionalNoTimestamps() {
        WhisperTokenizer w = whisper(MULTILINGUAL, Source.TOKENIZER_JSON);
        assertThat(w.prompt("en", "transcribe", true)).containsExactly(50258, 50259, 50359);
        assertThat(w.prompt("de", "translate", false)).containsExactly(50258, 50261, 50358, 50363);
        assertThat(w.prompt(null, "transcribe", false)).containsExactly(50258, 50359, 50363);
        WhisperTokenizer v3 = whisper(V3, Source.TOKENIZER_JSON);
        assertThat(v3.prompt("yue", "transcribe", false)).containsExactly(50258, 50358, 50360, 50364);
        assertThatThrownBy(() -> w.prompt("en", "summarize", true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.prompt("yue", "transcribe", true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void englishOnlyPromptIsJustSot() {
        WhisperTokenizer w = whisper(ENGLISH, Source.VOCAB_AND_MERGES);
        assertThat(w.prompt(null, "transcribe", true)).containsExactly(50257);
        assertThat(w.prompt("en", "transcribe", false)).containsExactly(50257, 50362);
        assertThatThrownBy(() -> w.prompt("de", "transcribe", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("English-only");
    }

    @Test
    void decodeTextDropsTimestampsAndSpecialTokens() {
        WhisperTokenizer w = whisper(MULTILINGUAL, Source.TOKENIZER_JSON);
        BpeTokenizer bpe = w.bpe();
        int[] words = bpe.encode(" Hello world.");
        int tb = w.timestampBegin();
        int[] ids = concat(w.prompt("en", "transcribe", true), new int[] {tb}, words, new int[] {tb + 54, w.eot()});
        assertThat(w.decodeText(ids)).isEqualTo(" Hello world.");
        assertThat(w.decodeWithTimestamps(ids)).isEqualTo(
                "<|startoftranscript|><|en|><|transcribe|><|0.00|> Hello world.<|1.08|><|endoftext|>");
        assertThat(w.timestampText(w.timestampBegin() + 1500)).isEqualTo("<|30.00|>");
        assertThat(w.timestampSeconds(tb + 54)).isCloseTo(1.08, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void decodeKeepsSpecialTokensBelowTimestampsAsOpenAiDoes() {
        WhisperTokenizer w = whisper(MULTILINGUAL, Source.TOKENIZER_JSON);
        int[] words = w.bpe().encode(" Hello world.");
        int tb = w.timestampBegin();
        int[] ids = concat(new int[] {w.noTimestamps(), tb}, words, new int[] {w.languageId("he"), tb + 54, w.eot()});
        // openai's Tokenizer.decode drops only ids >= timestamp_begin and spells Hebrew <|he|>, not the file's <|iw|>
        assertThat(w.decode(ids)).isEqualTo("<|notimestamps|> Hello world.<|he|><|endoftext|>");
        assertThat(w.decodeText(ids)).isEqualTo(" Hello world.");
    }

    @Test
    void timestampsSplitMultiByteRunsLikeOpenAi() {
        WhisperTokenizer w = whisper(V3, Source.TOKENIZER_JSON);
        int[] ids = w.bpe().encode("é");      // two bytes as (at most) two tokens
        int tb = w.timestampBegin();
        if (ids.length == 1) {
            assertThat(w.decodeWithTimestamps(new int[] {tb, ids[0], tb + 1})).isEqualTo("<|0.00|>é<|0.02|>");
        } else {
            assertThat(w.decodeWithTimestamps(new int[] {ids[0], tb, ids[1]})).isEqualTo("\uFFFD<|0.00|>\uFFFD");
        }
    }

    @Test
    void englishTimestampTokensEncodeAsAddedTokens() {
        WhisperTokenizer w = whisper(ENGLISH, Source.TOKENIZER_JSON);
        assertThat(w.bpe().encode("<|1.08|>")).containsExactly(w.timestampBegin() + 54);
        assertThat(w.bpe().isSpecial(w.timestampBegin())).isFalse();
        assertThat(w.bpe().isSpecial(w.sot())).isTrue();
    }

    @Test
    void encodeSpellsOutControlTokenStrings() {
        WhisperTokenizer w = whisper(V3, Source.TOKENIZER_JSON);
        int[] ids = w.encode(" hi<|endoftext|>");
        assertThat(ids).doesNotContain(w.eot()).containsExactly(w.bpe().encodeOrdinary(" hi<|endoftext|>"));
        assertThat(w.decodeText(ids)).isEqualTo(" hi<|endoftext|>");
    }

    @Test
    void qwenIsNotAWhisperTokenizer() {
        BpeTokenizer qwen = Goldens.tokenizer("qwen3-asr", Source.TOKENIZER_JSON);
        assertThatThrownBy(() -> WhisperTokenizer.of(qwen)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("<|startoftranscript|>");
    }

    private static int[] concat(int[]... parts) {
        return Stream.of(parts).flatMapToInt(java.util.Arrays::stream).toArray();
    }
}

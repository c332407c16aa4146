package io.github.asr4j.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.Segment;
import io.github.asr4j.Transcript;
import io.github.asr4j.Word;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every expected string below is what openai-whisper's writers ({@code whisper/utils.py}: WriteTXT,
 * WriteVTT, WriteSRT, WriteTSV, WriteJSON) print for the same transcript given as a Python dict,
 * with {@code print}'s {@code \n} line ends. The derivation of each is in the comment beside it.
 */
class WritersTest {
    private static final SubtitleOptions NONE = SubtitleOptions.DEFAULT;

    static String render(OutputFormat format, Transcript t, SubtitleOptions options) throws IOException {
        StringWriter out = new StringWriter();
        Writers.forFormat(format).write(t, out, options);
        return out.toString();
    }

    @Test
    void txtIsOneStrippedSegmentTextPerLine() throws IOException {
        assertThat(render(OutputFormat.TXT, Transcripts.plain(), NONE))
                .isEqualTo("Hello world.\nÇa va --> bien?\t日本語 😀\nBye.\n");
    }

    /**
     * WEBVTT + blank line; format_timestamp without hours below one hour; 1.0005 s -> 00:01.000
     * (1.0005 * 1000.0 == 1000.5, round half to even = 1000); 3661.5 -> 01:01:01.500; 3723.9995 -> 01:02:04.000; 59.9996 ->
     * 01:00.000 (60000 ms carries into the minutes); "-->" in text becomes "->".
     */
    @Test
    void vttMatchesOpenaiIncludingHoursAndRounding() throws IOException {
        assertThat(render(OutputFormat.VTT, Transcripts.plain(), NONE)).isEqualTo(
                "WEBVTT\n\n00:00.000 --> 00:01.000\nHello world.\n\n01:01:01.500 --> 01:02:04.000\n"
                        + "Ça va -> bien?\t日本語 😀\n\n01:00.000 --> 01:00.000\nBye.\n\n");
    }

    /** Cue numbers from 1; always_include_hours=True with two-digit hours; "," as decimal marker. */
    @Test
    void srtMatchesOpenai() throws IOException {
        assertThat(render(OutputFormat.SRT, Transcripts.plain(), NONE)).isEqualTo(
                "1\n00:00:00,000 --> 00:00:01,000\nHello world.\n\n2\n01:01:01,500 --> 01:02:04,000\n"
                        + "Ça va -> bien?\t日本語 😀\n\n3\n00:01:00,000 --> 00:01:00,000\nBye.\n\n");
    }

    /** round(1000 * t) as integers; the tab inside the text becomes a space; "-->" is kept. */
    @Test
    void tsvMatchesOpenai() throws IOException {
        assertThat(render(OutputFormat.TSV, Transcripts.plain(), NONE)).isEqualTo(
                "start\tend\ttext\n0\t1000\tHello world.\n3661500\t3724000\tÇa va --> bien? 日本語 😀\n"
                        + "60000\t60000\tBye.\n");
    }

    /**
     * json.dump defaults: ensure_ascii (\\u00c7, surrogate pair for the emoji, lowercase hex), ", " and
     * ": " separators, float repr (0.0, 1e-05, 0.6000000000000001), unstripped text, no trailing newline,
     * keys in openai's order, no "words" key without word timings.
     */
    @Test
    void jsonMatchesPythonsJsonDump() throws IOException {
        assertThat(render(OutputFormat.JSON, Transcripts.plain(), NONE)).isEqualTo(
                "{\"text\": \" Hello world. \\u00c7a va --> bien?\\t\\u65e5\\u672c\\u8a9e \\ud83d\\ude00 Bye.\", "
                        + "\"segments\": [{\"id\": 0, \"seek\": 0, \"start\": 0.0, \"end\": 1.0005, \"text\": \" Hello world.\", "
                        + "\"tokens\": [50364, 2425, 1002, 13], \"temperature\": 0.0, \"avg_logprob\": -0.2345678, "
                        + "\"compression_ratio\": 0.8571428571428571, \"no_speech_prob\": 0.0123}, "
                        + "{\"id\": 1, \"seek\": 3000, \"start\": 3661.5, \"end\": 3723.9995, "
                        + "\"text\": \" \\u00c7a va --> bien?\\t\\u65e5\\u672c\\u8a9e \\ud83d\\ude00\", \"tokens\": [1, 2, 3], "
                        + "\"temperature\": 0.2, \"avg_logprob\": -1.0, \"compression_ratio\": 1.5, \"no_speech_prob\": 1e-05}, "
                        + "{\"id\": 2, \"seek\": 6000, \"start\": 59.9996, \"end\": 60.0, \"text\": \"  Bye. \", \"tokens\": [], "
                        + "\"temperature\": 0.6000000000000001, \"avg_logprob\": -0.5, \"compression_ratio\": 2.28, "
                        + "\"no_speech_prob\": 0.0}], \"language\": \"fr\"}");
    }

    @Test
    void jsonHasWordsLastInEverySegmentWhenWordTimingsExist() throws IOException {
        assertThat(render(OutputFormat.JSON, Transcripts.words(), NONE)).isEqualTo(
                "{\"text\": \" The quick brown fox. Jumps over \\\"the\\\" lazy dog.\", \"segments\": [{\"id\": 0, "
                        + "\"seek\": 0, \"start\": 0.0, \"end\": 2.0, \"text\": \" The quick brown fox.\", "
                        + "\"tokens\": [1, 2, 3, 4, 5], \"temperature\": 0.0, \"avg_logprob\": -0.1, "
                        + "\"compression_ratio\": 1.2, \"no_speech_prob\": 0.01, \"words\": [{\"word\": \" The\", "
                        + "\"start\": 0.0, \"end\": 0.24, \"probability\": 0.9}, {\"word\": \" quick\", \"start\": 0.24, "
                        + "\"end\": 0.6, \"probability\": 0.8}, {\"word\": \" brown\", \"start\": 0.62, \"end\": 0.9, "
                        + "\"probability\": 0.7}, {\"word\": \" fox.\", \"start\": 1.0, \"end\": 1.5, \"probability\": 0.95}]}, "
                        + "{\"id\": 1, \"seek\": 0, \"start\": 5.0, \"end\": 7.5, \"text\": \" Jumps over \\\"the\\\" lazy dog.\", "
                        + "\"tokens\": [6, 7, 8, 9, 10], \"temperature\": 0.0, \"avg_logprob\": -0.2, "
                        + "\"compression_ratio\": 1.3, \"no_speech_prob\": 0.02, \"words\": [{\"word\": \" Jumps\", "
                        + "\"start\": 5.0, \"end\": 5.5, \"probability\": 0.5}, {\"word\": \" over\", \"start\": 5.5, "
                        + "\"end\": 5.8, \"probability\": 0.6}, {\"word\": \" \\\"the\\\"\", \"start\": 5.8, \"end\": 6.0, "
                        + "\"probability\": 0.61}, {\"word\": \" lazy\", \"start\": 6.1, \"end\": 6.6, \"probability\": 0.62}, "
                        + "{\"word\": \" dog.\", \"start\": 6.6, \"end\": 7.5, \"probability\": 0.63}]}], \"language\": \"en\"}");
    }

    @Test
    void emptyTranscriptGivesOpenaisEmptyFiles() throws IOException {
        Transcript empty = Transcripts.empty();
        assertThat(render(OutputFormat.TXT, empty, NONE)).isEmpty();
        assertThat(render(OutputFormat.VTT, empty, NONE)).isEqualTo("WEBVTT\n\n");
        assertThat(render(OutputFormat.SRT, empty, NONE)).isEmpty();
        assertThat(render(OutputFormat.TSV, empty, NONE)).isEqualTo("start\tend\ttext\n");
        assertThat(render(OutputFormat.JSON, empty, NONE)).isEqualTo("{\"text\": \"\", \"segments\": [], \"language\": \"en\"}");
    }

    /**
     * With words and no limits, iterate_subtitles keeps one cue per segment: the first word of a later
     * segment is a seg_break (preserve_segments), and each cue's first word is stripped.
     */
    @Test
    void wordTimingsWithoutLimitsGiveOneCuePerSegment() throws IOException {
        assertThat(render(OutputFormat.VTT, Transcripts.words(), NONE)).isEqualTo(
                "WEBVTT\n\n00:00.000 --> 00:01.500\nThe quick brown fox.\n\n00:05.000 --> 00:07.500\n"
                        + "Jumps over \"the\" lazy dog.\n\n");
        assertThat(render(OutputFormat.TXT, Transcripts.words(), NONE))
                .isEqualTo("The quick brown fox.\nJumps over \"the\" lazy dog.\n");
        assertThat(render(OutputFormat.TSV, Transcripts.words(), NONE))
                .isEqualTo("start\tend\ttext\n0\t2000\tThe quick brown fox.\n5000\t7500\tJumps over \"the\" lazy dog.\n");
    }

    /**
     * highlight_words: per word a cue with that word in <u></u> (its leading space outside the tag), and
     * a cue with the plain text for each gap between the previous word's end and this word's start
     * (0.6 -> 0.62, 0.9 -> 1.0, 6.0 -> 6.1).
     */
    @Test
    void highlightWordsUnderlinesEachWordAndFillsGaps() throws IOException {
        assertThat(render(OutputFormat.VTT, Transcripts.words(), new SubtitleOptions(0, 0, true, 0))).isEqualTo(
                "WEBVTT\n\n00:00.000 --> 00:00.240\n<u>The</u> quick brown fox.\n\n00:00.240 --> 00:00.600\n"
                        + "The <u>quick</u> brown fox.\n\n00:00.600 --> 00:00.620\nThe quick brown fox.\n\n"
                        + "00:00.620 --> 00:00.900\nThe quick <u>brown</u> fox.\n\n00:00.900 --> 00:01.000\n"
                        + "The quick brown fox.\n\n00:01.000 --> 00:01.500\nThe quick brown <u>fox.</u>\n\n"
                        + "00:05.000 --> 00:05.500\n<u>Jumps</u> over \"the\" lazy dog.\n\n00:05.500 --> 00:05.800\n"
                        + "Jumps <u>over</u> \"the\" lazy dog.\n\n00:05.800 --> 00:06.000\nJumps over <u>\"the\"</u> lazy dog.\n\n"
                        + "00:06.000 --> 00:06.100\nJumps over \"the\" lazy dog.\n\n00:06.100 --> 00:06.600\n"
                        + "Jumps over \"the\" <u>lazy</u> dog.\n\n00:06.600 --> 00:07.500\nJumps over \"the\" lazy <u>dog.</u>\n\n");
    }

    /**
     * max_line_width=12 alone: segments are preserved; "The"(3) + " quick"(6) = 9 fits, + " brown" = 15 does
     * not, so "\nbrown" starts line 2 (line_len 5), + " fox." = 10 fits. Second segment: "Jumps over"(10),
     * "\n\"the\" lazy"(10), "\ndog.".
     */
    @Test
    void maxLineWidthWrapsLinesInsideSegments() throws IOException {
        assertThat(render(OutputFormat.VTT, Transcripts.words(), new SubtitleOptions(12, 0, false, 0))).isEqualTo(
                "WEBVTT\n\n00:00.000 --> 00:01.500\nThe quick\nbrown fox.\n\n00:05.000 --> 00:07.500\n"
                        + "Jumps over\n\"the\" lazy\ndog.\n\n");
    }

    /**
     * Both limits set: preserve_segments is False. "Jumps" starts 5.0 - 1.0 (last word start) > 3 s after
     * the previous word: a long pause, so a new cue; with max_line_count=2, "dog." on a third line becomes
     * a cue of its own.
     */
    @Test
    void maxLineCountSplitsCuesAndLongPausesBreakThem() throws IOException {
        assertThat(render(OutputFormat.SRT, Transcripts.words(), new SubtitleOptions(12, 2, false, 0))).isEqualTo(
                "1\n00:00:00,000 --> 00:00:01,500\nThe quick\nbrown fox.\n\n2\n00:00:05,000 --> 00:00:06,600\n"
                        + "Jumps over\n\"the\" lazy\n\n3\n00:00:06,600 --> 00:00:07,500\ndog.\n\n");
    }

    /** Highlighting a word that begins a wrapped line keeps the "\n" outside the tag: "\n<u>brown</u>". */
    @Test
    void highlightAfterALineBreakKeepsTheNewlineOutsideTheTag() throws IOException {
        String vtt = render(OutputFormat.VTT, Transcripts.words(), new SubtitleOptions(12, 0, true, 0));
        assertThat(vtt).startsWith("WEBVTT\n\n00:00.000 --> 00:00.240\n<u>The</u> quick\nbrown fox.\n\n"
                + "00:00.240 --> 00:00.600\nThe <u>quick</u>\nbrown fox.\n\n00:00.600 --> 00:00.620\nThe quick\nbrown fox.\n\n"
                + "00:00.620 --> 00:00.900\nThe quick\n<u>brown</u> fox.\n\n");
        assertThat(vtt).endsWith("00:06.600 --> 00:07.500\nJumps over\n\"the\" lazy\n<u>dog.</u>\n\n");
    }

    /** max_words_per_line=2: each chunk of two words starts a new cue (i == 0 is a seg_break). */
    @Test
    void maxWordsPerLineChunksEachSegment() throws IOException {
        assertThat(render(OutputFormat.SRT, Transcripts.words(), new SubtitleOptions(0, 0, false, 2))).isEqualTo(
                "1\n00:00:00,000 --> 00:00:00,600\nThe quick\n\n2\n00:00:00,620 --> 00:00:01,500\nbrown fox.\n\n"
                        + "3\n00:00:05,000 --> 00:00:05,800\nJumps over\n\n4\n00:00:05,800 --> 00:00:06,600\n\"the\" lazy\n\n"
                        + "5\n00:00:06,600 --> 00:00:07,500\ndog.\n\n");
    }

    /** One line of at most 16 characters per cue, highlighted: the gap cue only appears inside a cue. */
    @Test
    void highlightWithOneLinePerCue() throws IOException {
        assertThat(render(OutputFormat.SRT, Transcripts.words(), new SubtitleOptions(16, 1, true, 0))).isEqualTo(
                "1\n00:00:00,000 --> 00:00:00,240\n<u>The</u> quick brown\n\n2\n00:00:00,240 --> 00:00:00,600\n"
                        + "The <u>quick</u> brown\n\n3\n00:00:00,600 --> 00:00:00,620\nThe quick brown\n\n"
                        + "4\n00:00:00,620 --> 00:00:00,900\nThe quick <u>brown</u>\n\n5\n00:00:01,000 --> 00:00:01,500\n"
                        + "<u>fox.</u>\n\n6\n00:00:05,000 --> 00:00:05,500\n<u>Jumps</u> over \"the\"\n\n"
                        + "7\n00:00:05,500 --> 00:00:05,800\nJumps <u>over</u> \"the\"\n\n8\n00:00:05,800 --> 00:00:06,000\n"
                        + "Jumps over <u>\"the\"</u>\n\n9\n00:00:06,100 --> 00:00:06,600\n<u>lazy</u> dog.\n\n"
                        + "10\n00:00:06,600 --> 00:00:07,500\nlazy <u>dog.</u>\n\n");
    }

    /**
     * Python's len counts code points: " 😀😀😀" is 4 long (7 UTF-16 units), so with max_line_width=8 the
     * first two emoji words share a line (3 + 4 = 7) and " ab" (7 + 3 = 10) wraps.
     */
    @Test
    void lineWidthCountsCodePointsNotUtf16Units() throws IOException {
        Transcript t = new Transcript("", "ja", Map.of(), List.of(Transcripts.segment(0, 0, 0.0, 3.0, " x", List.of(),
                0.0, 0.0, 1.0, 0.0, List.of(new Word(" 😀😀😀", 0.0, 1.0, 1.0), new Word(" 😀😀😀", 1.0, 2.0, 1.0),
                        new Word(" ab", 2.0, 3.0, 1.0)))));
        assertThat(render(OutputFormat.VTT, t, new SubtitleOptions(8, 0, false, 0)))
                .isEqualTo("WEBVTT\n\n00:00.000 --> 00:03.000\n😀😀😀 😀😀😀\nab\n\n");
    }

    @Test
    void underlineFollowsOpenaisRegex() {
        assertThat(SubtitleCues.underline(" word")).isEqualTo(" <u>word</u>");
        assertThat(SubtitleCues.underline("\nword")).isEqualTo("\n<u>word</u>");
        assertThat(SubtitleCues.underline("")).isEqualTo("<u></u>");
        assertThat(SubtitleCues.underline("a\nb")).isEqualTo("a\nb"); // '.' cannot cross the newline: no match
        assertThat(SubtitleCues.underline("ab\n")).isEqualTo("<u>ab</u>\n"); // '$' matches before a final newline
    }

    @Test
    void writesFilesNamedAsOpenaisGetWriter(@TempDir Path dir) throws IOException {
        List<Path> files = Writers.writeFiles(OutputFormat.ALL, Transcripts.plain(), Path.of("/audio/my.talk.flac"),
                dir, NONE);
        assertThat(files).containsExactly(dir.resolve("my.talk.txt"), dir.resolve("my.talk.vtt"),
                dir.resolve("my.talk.srt"), dir.resolve("my.talk.tsv"), dir.resolve("my.talk.json"));
        assertThat(Files.readString(dir.resolve("my.talk.txt"), StandardCharsets.UTF_8))
                .isEqualTo(render(OutputFormat.TXT, Transcripts.plain(), NONE));
        assertThat(Files.readString(dir.resolve("my.talk.json"), StandardCharsets.UTF_8))
                .isEqualTo(render(OutputFormat.JSON, Transcripts.plain(), NONE));
        assertThat(Files.readAllBytes(dir.resolve("my.talk.vtt")))
                .isEqualTo(render(OutputFormat.VTT, Transcripts.plain(), NONE).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void stemIsPythonsSplitext() {
        assertThat(OutputPaths.stem("a.wav")).isEqualTo("a");
        assertThat(OutputPaths.stem("archive.tar.gz")).isEqualTo("archive.tar");
        assertThat(OutputPaths.stem("noext")).isEqualTo("noext");
        assertThat(OutputPaths.stem(".hidden")).isEqualTo(".hidden");
        assertThat(OutputPaths.stem(".hidden.wav")).isEqualTo(".hidden");
        assertThat(OutputPaths.stem("..wav")).isEqualTo("..wav");
        assertThat(OutputPaths.stem("a.")).isEqualTo("a");
    }

    @Test
    void formatsParseAndAllIsSeveralWriters() {
        assertThat(OutputFormat.parse("SRT")).isEqualTo(OutputFormat.SRT);
        assertThat(Writers.forFormats(OutputFormat.ALL)).extracting(TranscriptWriter::extension)
                .containsExactly("txt", "vtt", "srt", "tsv", "json");
        assertThatThrownBy(() -> OutputFormat.parse("docx")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("docx");
        assertThatThrownBy(() -> Writers.forFormat(OutputFormat.ALL)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SubtitleOptions(-1, 0, false, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxLineWidth=-1");
    }

    @Test
    void negativeTimeIsRejectedAsOpenaiAsserts() {
        Segment bad = Transcripts.segment(0, 0, -0.5, 1.0, " x", List.of(), 0, 0, 0, 0, List.of());
        Transcript t = new Transcript(" x", "en", Map.of(), List.of(bad));
        assertThatThrownBy(() -> render(OutputFormat.SRT, t, NONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-0.5");
    }
}

package io.github.asr4j.output;

import io.github.asr4j.Segment;
import io.github.asr4j.Word;
import io.github.asr4j.decode.TextMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * openai-whisper's {@code SubtitlesWriter.iterate_result}: the cues of a transcript. Without word
 * timings, one cue per segment. With them, words are regrouped into cues and lines by
 * {@link SubtitleOptions}, and {@code highlightWords} gives one cue per word with that word underlined.
 */
final class SubtitleCues {
    /** openai starts a new cue after a pause this long (seconds), when both line limits are set. */
    private static final double LONG_PAUSE = 3.0;
    /** openai's stand-in for "no limit". */
    private static final int UNLIMITED = 1000;

    private final boolean alwaysIncludeHours;
    private final char decimalMarker;

    SubtitleCues(boolean alwaysIncludeHours, char decimalMarker) {
        this.alwaysIncludeHours = alwaysIncludeHours;
        this.decimalMarker = decimalMarker;
    }

    /**
     * Whether openai would take the word path. openai checks for a {@code "words"} key, present on every
     * segment when word timestamps were requested; the record has no such flag, so "requested" is read
     * as "some segment has words".
     */
    static boolean hasWordTimings(List<Segment> segments) {
        for (Segment s : segments) {
            if (!s.words().isEmpty()) return true;
        }
        return false;
    }

    List<Cue> cues(List<Segment> segments, SubtitleOptions options) {
        List<Cue> cues = new ArrayList<>();
        if (!hasWordTimings(segments)) {
            for (Segment s : segments) {
                cues.add(new Cue(format(s.start()), format(s.end()),
                        TextMetrics.pythonStrip(s.text()).replace("-->", "->")));
            }
            return cues;
        }
        for (List<Word> subtitle : groupWords(segments, options)) {
            String start = format(subtitle.getFirst().start());
            String end = format(subtitle.getLast().end());
            StringBuilder joined = new StringBuilder();
            for (Word w : subtitle) joined.append(w.word());
            String text = joined.toString();
            if (!options.highlightWords()) {
                cues.add(new Cue(start, end, text));
                continue;
            }
            String last = start;
            for (int i = 0; i < subtitle.size(); i++) {
                String wordStart = format(subtitle.get(i).start());
                String wordEnd = format(subtitle.get(i).end());
                if (!last.equals(wordStart)) cues.add(new Cue(last, wordStart, text)); // the gap before this word
                StringBuilder highlighted = new StringBuilder();
                for (int j = 0; j < subtitle.size(); j++) {
                    String word = subtitle.get(j).word();
                    highlighted.append(j == i ? underline(word) : word);
                }
                cues.add(new Cue(wordStart, wordEnd, highlighted.toString()));
                last = wordEnd;
            }
        }
        return cues;
    }

    /** openai's {@code iterate_subtitles}: words, with line breaks as {@code "\n"} prefixes, grouped into cues. */
    static List<List<Word>> groupWords(List<Segment> segments, SubtitleOptions options) {
        int maxLineCount = options.maxLineCount();
        boolean preserveSegments = maxLineCount == 0 || options.maxLineWidth() == 0;
        int maxLineWidth = options.maxLineWidth() == 0 ? UNLIMITED : options.maxLineWidth();
        int maxWordsPerLine = options.maxWordsPerLine() == 0 ? UNLIMITED : options.maxWordsPerLine();

        List<List<Word>> subtitles = new ArrayList<>();
        int lineLen = 0;
        int lineCount = 1;
        List<Word> subtitle = new ArrayList<>();
        double last = firstStart(segments); // openai: get_start(segments) or 0.0
        for (Segment segment : segments) {
            List<Word> words = segment.words();
            // openai walks each segment in chunks of maxWordsPerLine; every chunk start may break the cue
            for (int chunk = 0; chunk < words.size(); chunk += maxWordsPerLine) {
                int chunkEnd = Math.min(words.size(), chunk + maxWordsPerLine);
                for (int k = chunk; k < chunkEnd; k++) {
                    Word timing = words.get(k);
                    String word = timing.word();
                    boolean longPause = !preserveSegments && timing.start() - last > LONG_PAUSE;
                    boolean hasRoom = lineLen + codePoints(word) <= maxLineWidth;
                    boolean segmentBreak = k == chunk && !subtitle.isEmpty() && preserveSegments;
                    if (lineLen > 0 && hasRoom && !longPause && !segmentBreak) {
                        lineLen += codePoints(word); // line continuation
                    } else {
                        word = TextMetrics.pythonStrip(word);
                        if ((!subtitle.isEmpty() && maxLineCount != 0 && (longPause || lineCount >= maxLineCount))
                                || segmentBreak) {
                            subtitles.add(subtitle); // cue break
                            subtitle = new ArrayList<>();
                            lineCount = 1;
                        } else if (lineLen > 0) {
                            lineCount++; // line break
                            word = "\n" + word;
                        }
                        lineLen = codePoints(TextMetrics.pythonStrip(word));
                    }
                    subtitle.add(new Word(word, timing.start(), timing.end(), timing.probability()));
                    last = timing.start();
                }
            }
        }
        if (!subtitle.isEmpty()) subtitles.add(subtitle);
        return subtitles;
    }

    /** openai's {@code get_start}: the first word's start, else the first segment's. */
    private static double firstStart(List<Segment> segments) {
        for (Segment s : segments) {
            if (!s.words().isEmpty()) return s.words().getFirst().start();
        }
        return segments.isEmpty() ? 0.0 : segments.getFirst().start();
    }

    /** Python's {@code len}: code points, not UTF-16 units. */
    private static int codePoints(String s) {
        return s.codePointCount(0, s.length());
    }

    /**
     * {@code re.sub(r"^(\s*)(.*)$", r"\1<u>\2</u>", word)}: the leading whitespace stays outside the tag.
     * {@code .} stops at a newline and {@code $} also matches before a final newline, so a word with a
     * newline inside its text is left as it is, and a final newline stays outside the tag.
     */
    static String underline(String word) {
        int body = 0;
        while (body < word.length() && isPythonSpace(word.charAt(body))) body++;
        String rest = word.substring(body);
        String trailing = "";
        if (rest.endsWith("\n")) {
            rest = rest.substring(0, rest.length() - 1);
            trailing = "\n";
        }
        if (rest.indexOf('\n') >= 0) return word; // no match: re.sub returns the word unchanged
        return word.substring(0, body) + "<u>" + rest + "</u>" + trailing;
    }

    private static boolean isPythonSpace(char c) {
        return TextMetrics.pythonStrip(String.valueOf(c)).isEmpty();
    }

    String format(double seconds) {
        return Timestamps.format(seconds, alwaysIncludeHours, decimalMarker);
    }
}

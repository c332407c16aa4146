package io.github.asr4j.vad;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Speech segments scored against utterance intervals (a long file's {@code .segments.tsv}): 10 ms
 * frames are speech in the truth when inside an utterance, speech in the prediction when inside a
 * segment; the boundary error of an utterance edge is the distance to the nearest segment edge of
 * the same kind.
 */
record SegmentAccuracy(double precision, double recall, double meanBoundaryError, double maxBoundaryError,
                       int utterances, int segments, int gapsSeparated) {
    private static final double FRAME = 0.01;

    /** {@code [start, end]} seconds of each utterance, from a TSV with a header and columns id, start_s, end_s, text. */
    static List<double[]> readUtterances(Path tsv) throws IOException {
        return Files.readAllLines(tsv).stream().skip(1).filter(l -> !l.isBlank()).map(l -> {
            String[] f = l.split("\t");
            return new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])};
        }).toList();
    }

    static SegmentAccuracy score(List<double[]> truth, List<SpeechSegment> predicted, double duration) {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int f = 0; f * FRAME < duration; f++) {
            double t = (f + 0.5) * FRAME;
            boolean actual = truth.stream().anyMatch(u -> t >= u[0] && t < u[1]);
            boolean found = predicted.stream().anyMatch(s -> t >= s.start() && t < s.end());
            if (actual && found) {
                tp++;
            } else if (found) {
                fp++;
            } else if (actual) {
                fn++;
            }
        }
        double sum = 0;
        double max = 0;
        for (double[] u : truth) {
            double startError = predicted.stream().mapToDouble(s -> Math.abs(s.start() - u[0])).min().orElse(duration);
            double endError = predicted.stream().mapToDouble(s -> Math.abs(s.end() - u[1])).min().orElse(duration);
            sum += startError + endError;
            max = Math.max(max, Math.max(startError, endError));
        }
        int separated = 0;
        for (int i = 0; i + 1 < truth.size(); i++) {
            double middle = (truth.get(i)[1] + truth.get(i + 1)[0]) / 2;
            if (predicted.stream().noneMatch(s -> middle >= s.start() && middle < s.end())) {
                separated++;
            }
        }
        return new SegmentAccuracy(tp / (double) Math.max(1, tp + fp), tp / (double) Math.max(1, tp + fn),
                sum / (2 * truth.size()), max, truth.size(), predicted.size(), separated);
    }
}

package io.github.asr4j.cli;

import io.github.asr4j.audio.AudioReader;
import io.github.asr4j.vad.SileroVad;
import io.github.asr4j.vad.SpeechProbabilities;
import io.github.asr4j.vad.SpeechSegment;
import io.github.asr4j.vad.SpeechSegmenter;
import io.github.asr4j.vad.VadModel;
import io.github.asr4j.vad.VadOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code asr4j vad FILE}: speech segments from the Silero VAD network shipped in the jar. */
@Command(name = "vad", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print the speech segments of an audio file (Silero VAD; start and end in seconds).")
final class VadCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "Audio file (WAV or FLAC, any rate).")
    Path file;

    @Option(names = "--model", defaultValue = "v5", paramLabel = "v5|v6",
            description = "Silero VAD network (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--json", description = "Print {\"segments\": [{\"start\": s, \"end\": s}, ...]}.")
    boolean json;

    @Option(names = "--probabilities",
            description = "Also print one speech probability per 512-sample window (implies --json).")
    boolean probabilities;

    @Option(names = "--threshold", defaultValue = "0.5", paramLabel = "P",
            description = "Speech probability threshold (default: ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--min_speech_duration_ms", defaultValue = "250", paramLabel = "MS",
            description = "Drop speech not longer than this (default: ${DEFAULT-VALUE}).")
    int minSpeechMs;

    @Option(names = "--min_silence_duration_ms", defaultValue = "100", paramLabel = "MS",
            description = "Silence that ends speech (default: ${DEFAULT-VALUE}).")
    int minSilenceMs;

    @Option(names = "--speech_pad_ms", defaultValue = "30", paramLabel = "MS",
            description = "Padding on each side of speech (default: ${DEFAULT-VALUE}).")
    int speechPadMs;

    @Option(names = "--max_speech_duration_s", paramLabel = "S",
            description = "Split longer speech at its longest silence (default: no limit).")
    Double maxSpeechS;

    @Override
    public Integer call() {
        VadOptions options = VadOptions.detection().withThreshold(threshold).withMinSpeechDurationMs(minSpeechMs)
                .withMinSilenceDurationMs(minSilenceMs).withSpeechPadMs(speechPadMs)
                .withMaxSpeechDurationS(maxSpeechS == null ? Double.POSITIVE_INFINITY : maxSpeechS);
        float[] samples = AudioReader.read(file).samplesAt(SileroVad.SAMPLE_RATE);
        float[] p;
        try (SileroVad vad = SileroVad.load(VadModel.parse(model))) {
            p = SpeechProbabilities.of(vad, samples);
        }
        List<SpeechSegment> segments = SpeechSegmenter.segments(p, samples.length, options);
        if (json || probabilities) {
            System.out.println(json(segments, probabilities ? p : null));
        } else {
            for (SpeechSegment s : segments) {
                System.out.printf(Locale.ROOT, "%.3f\t%.3f%n", s.start(), s.end());
            }
        }
        return 0;
    }

    static String json(List<SpeechSegment> segments, float[] probabilities) {
        StringBuilder out = new StringBuilder("{");
        if (probabilities != null) {
            out.append("\"probabilities\": [");
            for (int i = 0; i < probabilities.length; i++) {
                out.append(i == 0 ? "" : ", ").append(probabilities[i]);
            }
            out.append("], ");
        }
        out.append("\"segments\": [");
        for (int i = 0; i < segments.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "{\"start\": %.3f, \"end\": %.3f}",
                    segments.get(i).start(), segments.get(i).end()));
        }
        return out.append("]}").toString();
    }
}

package io.github.asr4j.vad;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.audio.AudioReader;
import io.github.asr4j.testkit.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Speech segments on the two concatenated long files against their utterance intervals
 * (utterances separated by 0.3 s of digital silence). The utterances keep their own leading and
 * trailing pauses, so recall of "speech" frames is below 1 and segment edges sit 0.4 s inside the
 * utterance edges on average, by design; the bounds below are measured values with a margin (see
 * the closing note of issue 13), not a parity check.
 */
class SpeechSegmentAccuracyTest {
    static Stream<Arguments> cases() {
        return Stream.of(VadModel.values()).flatMap(m -> Stream.of(
                Arguments.of(m, "librispeech-test-other_1998-15444-0000-0009"),
                Arguments.of(m, "aishell_S0252_W0121-W0190")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void detectorSegmentsMatchTheUtterances(VadModel model, String name) throws Exception {
        Path wav = SharedData.require("audio/long/" + name + ".wav");
        List<double[]> truth = SegmentAccuracy.readUtterances(SharedData.require("audio/long/" + name + ".segments.tsv"));
        float[] samples = AudioReader.read(wav).samplesAt(SileroVad.SAMPLE_RATE);
        double duration = samples.length / (double) SileroVad.SAMPLE_RATE;
        float[] probabilities;
        try (SileroVad vad = SileroVad.load(model)) {
            probabilities = SpeechProbabilities.of(vad, samples);
        }
        SegmentAccuracy detection = SegmentAccuracy.score(truth,
                SpeechSegmenter.segments(probabilities, samples.length, VadOptions.detection()), duration);
        SegmentAccuracy transcription = SegmentAccuracy.score(truth,
                SpeechSegmenter.segments(probabilities, samples.length, VadOptions.transcription()), duration);
        System.out.printf(Locale.ROOT, "VAD accuracy %s %s detection %s%nVAD accuracy %s %s transcription %s%n",
                model, name, detection, model, name, transcription);

        assertThat(detection.precision()).as("detection precision").isGreaterThan(0.97);
        assertThat(detection.gapsSeparated()).as("0.3 s gaps with no segment over them")
                .isEqualTo(truth.size() - 1);
        assertThat(detection.recall()).as("detection recall").isGreaterThan(0.7);
        assertThat(detection.meanBoundaryError()).as("mean boundary error, s").isLessThan(0.6);
        // transcription settings trade precision for never clipping speech
        assertThat(transcription.recall()).as("transcription recall").isGreaterThan(0.97);
    }
}

package io.github.asr4j.profile;

import io.github.asr4j.model.WhisperModel;
import java.util.List;

/**
 * One window through the network with an {@link ActivationRecorder} attached: the encoder pass and,
 * when a prompt is given, the prompt fed in one decoder pass. For tools that dump named layers
 * ({@code asr4j dump --capture}).
 */
public final class CaptureRun {

    /**
     * @param encoderOut {@code [max_source_positions, d_model]}
     * @param logits     {@code [prompt.length][vocab]}, empty without a prompt
     * @param captured   the tensors whose names matched, in the order the passes produced them
     */
    public record Result(float[] encoderOut, float[][] logits, List<CapturedTensor> captured) {}

    private CaptureRun() {}

    /** Runs {@code mel} (and {@code prompt}) on a loaded model into {@code recorder}. */
    public static Result run(WhisperModel model, float[] mel, int[] prompt, ActivationRecorder recorder) {
        float[] encoderOut = model.encode(mel, recorder);
        float[][] logits = prompt == null || prompt.length == 0
                ? new float[0][]
                : model.newSession(encoderOut).stepAllLogits(prompt, recorder);
        return new Result(encoderOut, logits, recorder.captured());
    }
}

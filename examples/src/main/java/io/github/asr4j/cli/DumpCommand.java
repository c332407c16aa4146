package io.github.asr4j.cli;

import io.github.asr4j.ModelProbe;
import io.github.asr4j.audio.AudioReader;
import io.github.asr4j.qwen.EncodedAudio;
import io.github.asr4j.qwen.ModelType;
import io.github.asr4j.qwen.QwenProbe;
import io.github.asr4j.profile.CaptureRun;
import io.github.asr4j.profile.CapturedTensor;
import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.loader.SafeTensorsWriter;
import io.github.asr4j.loader.Tensor;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code asr4j dump}: writes the network's values for one 30 s window (Whisper) or one clip
 * (Qwen3-ASR) to safetensors, so they can be compared with another implementation.
 */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = {"Whisper: write log_mel [n_mels, 3000], encoder_out [1500, d] and, with --prompt, "
                + "logits [n, vocab] for every prompt position to a safetensors file.",
                "Qwen3-ASR: write log_mel [128, frames], encoder_out [audio tokens, output_dim], prompt_tokens"
                + " (int32; the official prompt, --language appended), prompt_logits [vocab] and, with --steps N,"
                + " greedy_tokens [N]."})
final class DumpCommand implements Callable<Integer> {
    /** The most greedy steps a Qwen3-ASR dump takes (the official limit of new tokens). */
    static final int MAX_STEPS = io.github.asr4j.qwen.QwenTranscription.DEFAULT_MAX_NEW_TOKENS;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Whisper or Qwen3-ASR model folder.")
    Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--wav", paramLabel = "FILE",
                description = "Audio file; its first window is used, as openai-whisper's transcribe() computes it.")
        Path wav;

        @Option(names = "--mel", paramLabel = "FILE", description = "A safetensors file holding a log-mel window.")
        Path mel;
    }

    @Option(names = {"--mel_tensor", "--mel-tensor"}, paramLabel = "NAME",
            description = "The tensor in --mel: [n_mels, 3000] (Whisper), [128, frames] (Qwen3-ASR).")
    String melTensor;

    @Option(names = "--prompt", split = ",", paramLabel = "IDS", description = "Decoder prompt token ids.")
    int[] prompt;

    @Option(names = "--language", paramLabel = "LANG",
            description = "Qwen3-ASR: force the language (a code or name, e.g. en or English), appended to the prompt"
                    + " as the official pipeline does; default: the model names it.")
    String language;

    @Option(names = "--steps", paramLabel = "N",
            description = "Qwen3-ASR: also write greedy_tokens [N], each the argmax of the logits before it (no stop).")
    Integer steps;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N", description = "Kernel threads; 0 = one per core.")
    int threads;

    @Option(names = "--capture", paramLabel = "LAYER_PATTERN",
            description = "Also write the outputs of the matching layers, e.g. 'encoder.layers.*.self_attn,"
                    + "decoder.layers.1.encoder_attn.weights' (comma-separated, * = any characters); "
                    + "each is stored under its layer name.")
    String capture;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "Output .safetensors file.")
    Path out;

    @Override
    public Integer call() {
        if (input.mel != null && melTensor == null) {
            throw new ParameterException(spec.commandLine(), "--mel needs --mel_tensor NAME");
        }
        if (ModelType.isQwen3Asr(model)) {
            return dumpQwen();
        }
        if (language != null || steps != null) {
            throw new ParameterException(spec.commandLine(), "--language and --steps are for Qwen3-ASR models;"
                    + " for Whisper give the decoder prompt with --prompt");
        }
        try (ModelProbe probe = ModelProbe.open(model, threads)) {
            float[] mel = input.wav != null ? probe.logMelWindow(input.wav) : readMel(probe);
            // With --capture the passes run once, observed; otherwise through the probe.
            CaptureRun.Result captured = capture == null ? null : probe.capture(mel, prompt, capture);
            float[] encoded = captured != null ? captured.encoderOut() : probe.encode(mel);
            SafeTensorsWriter writer = SafeTensorsWriter.create(out)
                    .metadata("producer", "asr4j dump")
                    .addFloats("log_mel", new long[] {probe.numMelBins(), probe.windowFrames()}, mel, DType.F32)
                    .addFloats("encoder_out", new long[] {probe.audioPositions(), probe.dModel()}, encoded, DType.F32);
            if (prompt != null && prompt.length > 0) {
                float[][] logits = captured != null ? captured.logits() : probe.promptLogits(encoded, prompt);
                float[] flat = new float[logits.length * probe.vocabSize()];
                for (int i = 0; i < logits.length; i++) {
                    System.arraycopy(logits[i], 0, flat, i * probe.vocabSize(), probe.vocabSize());
                }
                writer.addInts("prompt_tokens", new long[] {prompt.length}, prompt)
                        .addFloats("logits", new long[] {logits.length, probe.vocabSize()}, flat, DType.F32);
            }
            if (captured != null) {
                if (captured.captured().isEmpty()) {
                    System.err.println("asr4j: --capture '" + capture + "' matched no layer name"
                            + " (names look like encoder.layers.3.self_attn, decoder.logits)");
                }
                for (CapturedTensor t : captured.captured()) {
                    long[] shape = java.util.Arrays.stream(t.shape()).asLongStream().toArray();
                    writer.addFloats(t.name(), shape, t.values(), DType.F32);
                }
            }
            writer.write();
        }
        System.err.println("asr4j: wrote " + out);
        return 0;
    }

    private int dumpQwen() {
        if (prompt != null || capture != null) {
            throw new ParameterException(spec.commandLine(), "--prompt and --capture are for Whisper models;"
                    + " a Qwen3-ASR prompt is the official one (with --language to force the language)");
        }
        if (steps != null && (steps < 0 || steps > MAX_STEPS)) {
            throw new ParameterException(spec.commandLine(), "--steps must be between 0 and " + MAX_STEPS + ", got " + steps);
        }
        try (QwenProbe probe = QwenProbe.open(model, threads)) {
            float[] mel;
            if (input.wav != null) {
                mel = probe.logMel(AudioReader.read(input.wav).samplesAt(16000));
            } else {
                mel = readMel(probe.numMelBins());
            }
            int frames = mel.length / probe.numMelBins();
            EncodedAudio encoded = probe.encode(mel, frames);
            int[] ids = probe.prompt(language, encoded.tokens());
            QwenProbe.Run run = probe.run(ids, encoded, steps == null ? 0 : steps);
            SafeTensorsWriter writer = SafeTensorsWriter.create(out)
                    .metadata("producer", "asr4j dump")
                    .addFloats("log_mel", new long[] {probe.numMelBins(), frames}, mel, DType.F32)
                    .addFloats("encoder_out", new long[] {encoded.tokens(), encoded.width()}, encoded.rows(), DType.F32)
                    .addInts("prompt_tokens", new long[] {ids.length}, ids)
                    .addFloats("prompt_logits", new long[] {run.promptLogits().length}, run.promptLogits(), DType.F32);
            if (steps != null) {
                writer.addInts("greedy_tokens", new long[] {steps}, run.greedyTokens());
            }
            writer.write();
        }
        System.err.println("asr4j: wrote " + out);
        return 0;
    }

    /** The --mel tensor of a Qwen3-ASR clip: [n_mels, frames], any number of frames. */
    private float[] readMel(int melBins) {
        try (SafeTensors file = SafeTensors.open(input.mel)) {
            Tensor t = file.tensor(melTensor);
            if (t.rank() != 2 || t.dim(0) != melBins || t.dim(1) < 1) {
                throw new ParameterException(spec.commandLine(), input.mel + ": tensor " + melTensor + " has shape "
                        + Arrays.toString(t.shape()) + ", the model needs [" + melBins + ", frames]");
            }
            return t.toFloatArray();
        }
    }

    private float[] readMel(ModelProbe probe) {
        try (SafeTensors file = SafeTensors.open(input.mel)) {
            Tensor t = file.tensor(melTensor);
            long[] expected = {probe.numMelBins(), probe.windowFrames()};
            if (!Arrays.equals(t.shape(), expected)) {
                throw new ParameterException(spec.commandLine(), input.mel + ": tensor " + melTensor + " has shape "
                        + Arrays.toString(t.shape()) + ", the model needs " + Arrays.toString(expected));
            }
            return t.toFloatArray();
        }
    }
}

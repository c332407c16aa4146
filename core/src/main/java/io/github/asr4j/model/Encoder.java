package io.github.asr4j.model;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.loader.ModelConfig;
import io.github.asr4j.profile.ActivationListener;
import io.github.asr4j.profile.CaptureSite;
import io.github.asr4j.profile.Profiler;
import io.github.asr4j.profile.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The Whisper audio encoder ({@code WhisperEncoder}): one 30-second log-mel window in, one row of
 * audio states per 20 ms frame out.
 *
 * <pre>
 *   x = GELU(conv1(mel))                 [2·T, d]   k3 s1 p1
 *   x = GELU(conv2(x)) + embed_positions [T, d]     k3 s2 p1
 *   per layer: x = ResidualAttentionBlock(x)
 *   x = layer_norm(x)
 * </pre>
 *
 * Thread-safe: every call of {@link #forward} works in its own buffers. The buffers of a finished
 * pass are kept for the next one (a single spare set, so concurrent passes allocate their own and
 * nothing is held per thread): a window's ~42 MB of activations (card shape) is then not garbage
 * every 30 s of audio, which let the heap, and with it the resident memory, grow.
 */
final class Encoder {
    private static final String STACK = "encoder";

    private final Backend backend;
    private final int numMelBins;
    private final int frames;       // T = max_source_positions (1500)
    private final int dModel;
    private final int ffnDim;
    private final Backend.ConvKernel conv1;
    private final Buffer conv1Bias;
    private final Backend.ConvKernel conv2;
    private final Buffer conv2Bias;
    private final Buffer embedPositions; // [T, d]
    private final List<ResidualAttentionBlock> layers;
    private final LayerNorm layerNorm;
    private final Spare<Scratch> spare = new Spare<>();
    private final Buffer zeroRow;   // [1, d]: the stem's padding rows

    /**
     * The activations of one pass: the layers' {@link Work}, the residual stream {@code x} and the
     * stem's buffers (each fully written before it is read). The stem's are dead before the first
     * layer runs, so they live in the work's storage ({@link #inside}): the time-major mel in
     * {@code h}, the first convolution's output in {@code mlp} (card shape: 10 MB less per pass).
     */
    private record Scratch(Work work, Buffer melByTime, Buffer stem, Buffer x) {}

    private Encoder(Backend backend, ModelConfig c, Backend.ConvKernel conv1, Buffer conv1Bias,
                    Backend.ConvKernel conv2, Buffer conv2Bias, Buffer embedPositions,
                    List<ResidualAttentionBlock> layers, LayerNorm layerNorm) {
        this.backend = backend;
        this.numMelBins = c.numMelBins();
        this.frames = c.maxSourcePositions();
        this.dModel = c.dModel();
        this.ffnDim = c.encoderFfnDim();
        this.conv1 = conv1;
        this.conv1Bias = conv1Bias;
        this.conv2 = conv2;
        this.conv2Bias = conv2Bias;
        this.embedPositions = embedPositions;
        this.layers = List.copyOf(layers);
        this.layerNorm = layerNorm;
        this.zeroRow = backend.upload(new float[dModel], 1, dModel);
    }

    /** Binds {@code model.encoder.*}. */
    static Encoder bind(WeightBinder w, ModelConfig c, Backend backend) {
        int d = c.dModel();
        String p = "model.encoder.";
        List<ResidualAttentionBlock> layers = new ArrayList<>();
        for (int i = 0; i < c.encoderLayers(); i++) {
            layers.add(ResidualAttentionBlock.bind(w, STACK, i, d, c.encoderAttentionHeads(), c.encoderFfnDim(), false));
        }
        return new Encoder(backend, c,
                w.convKernel(p + "conv1.weight", d, c.numMelBins(), 3), w.vector(p + "conv1.bias", d),
                w.convKernel(p + "conv2.weight", d, d, 3), w.vector(p + "conv2.bias", d),
                w.table(p + "embed_positions.weight", c.maxSourcePositions(), d),
                layers, w.layerNorm(p + "layer_norm", d));
    }

    /** Encodes one window, unprofiled and unobserved. */
    float[] forward(float[] mel) {
        return forward(mel, Profiler.off(), ActivationListener.NONE);
    }

    /**
     * Encodes one window.
     *
     * @param mel log-mel {@code [numMelBins, 2·T]}, row-major (one row per mel bin, as the front end produces it)
     * @param profiler receives one {@code encoder} pass span with its layers and ops
     * @param listener receives the {@code encoder.*} values it wants
     * @return audio states {@code [T, d]}, row-major
     */
    float[] forward(float[] mel, Profiler profiler, ActivationListener listener) {
        return forward(mel, profiler, listener, true, (b, x) -> {
            float[] out = new float[frames * dModel];
            b.download(x, 0, frames, out);
            return out;
        });
    }

    /**
     * Encodes one window and hands the audio states {@code [T, d]}, as the encoder's own F32 buffer, to
     * {@code then} (after the encoder's spans close); the buffer is the encoder's scratch, valid only
     * until {@code then} returns. A window's decoder session is projected from it in place: no host copy
     * of the states and no upload of that copy (card shape: 2 × 4.6 MB less garbage per window).
     */
    <T> T forward(float[] mel, Profiler profiler, Function<Buffer, T> then) {
        return forward(mel, profiler, ActivationListener.NONE, false, (b, x) -> then.apply(x));
    }

    /** {@code then} runs inside the final norm's span when {@code inNormSpan} (the host copy, as it always has). */
    private <T> T forward(float[] mel, Profiler profiler, ActivationListener listener, boolean inNormSpan,
                          BiFunction<Backend, Buffer, T> then) {
        if (mel.length != numMelBins * 2 * frames) {
            throw new IllegalArgumentException("the encoder takes a log-mel of " + numMelBins + " x " + 2 * frames
                    + " = " + numMelBins * 2 * frames + " values, got " + mel.length);
        }
        Pass p = Pass.of(backend, profiler, listener);
        Backend b = p.backend();
        Scratch scratch = spare.take(this::newScratch);
        Work w = scratch.work();
        KeyValues self = KeyValues.ownRows();
        Buffer states = null; // set once the encoder's spans are closed: the scratch is released after then
        try (Span pass = p.scopes().pass(STACK)) {
            Buffer x = stem(p, mel, scratch);
            for (ResidualAttentionBlock layer : layers) {
                try (Span s = p.layer(layer.name())) {
                    layer.forward(p, x, w, self, null);
                }
            }
            try (Span s = p.layer("encoder.layer_norm")) {
                layerNorm.apply(b, x, x);
                p.capture(CaptureSite.of(STACK, CaptureSite.Kind.FINAL_NORM), x);
                if (inNormSpan) {
                    return then.apply(b, x);
                }
            }
            states = x;
        } finally {
            if (states == null) {
                spare.release(scratch);
            }
        }
        try {
            return then.apply(b, states);
        } finally {
            spare.release(scratch);
        }
    }

    private Scratch newScratch() {
        Work w = Work.sharingMlp(backend, frames, dModel, ffnDim);
        return new Scratch(w, inside(w.h, 2 * frames, numMelBins), inside(w.mlp, 2 * frames + 2, dModel),
                backend.allocate(frames, dModel, BufferType.F32));
    }

    /** {@code [rows, cols]} in {@code base}'s storage where it fits (every Whisper shape), else a buffer of its own. */
    private Buffer inside(Buffer base, int rows, int cols) {
        return (long) rows * cols <= base.size() ? backend.view(base, rows, cols)
                : backend.allocate(rows, cols, BufferType.F32);
    }

    /**
     * The convolution stem, time-major: {@code [2T, mels] -> [2T, d] -> [T, d]}, plus positions. The
     * first convolution's output is kept with the second's padding around it, {@code [1 + 2T + 1, d]}:
     * padded by 2 instead of 1, it yields one more row at either end, zeroed after the GELU, so the
     * second convolution (padding 1) reads it with padding 0 and needs no padded copy of its input.
     */
    private Buffer stem(Pass p, float[] mel, Scratch scratch) {
        Backend b = p.backend();
        try (Span s = p.layer("encoder.conv")) {
            Buffer melByTime = scratch.melByTime();
            b.transpose(b.upload(mel, numMelBins, 2 * frames), melByTime);
            Buffer stem = scratch.stem();
            b.conv1d(melByTime, conv1, conv1Bias, 1, 2, stem);
            p.captureRows(CaptureSite.of(STACK, CaptureSite.Kind.CONV1), stem, 1, 2 * frames);
            b.gelu(stem);
            b.copyRows(zeroRow, 0, stem, 0, 1);
            b.copyRows(zeroRow, 0, stem, 2 * frames + 1, 1);
            Buffer x = scratch.x();
            b.conv1d(stem, conv2, conv2Bias, 2, 0, x);
            p.capture(CaptureSite.of(STACK, CaptureSite.Kind.CONV2), x);
            b.gelu(x);
            b.add(x, embedPositions);
            return x;
        }
    }
}

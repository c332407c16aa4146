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

/**
 * The Whisper text decoder ({@code WhisperDecoder} plus the tied {@code proj_out}): tokens in,
 * next-token logits out, attending to its own earlier positions (the self-attention KV cache of a
 * {@link DecoderSession}) and to one window of audio states (its {@link CrossKv}).
 *
 * <pre>
 *   x = embed_tokens[token] + embed_positions[position]
 *   per layer: x = ResidualAttentionBlock(x, audio)     (causal self-attention, cross-attention)
 *   logits = layer_norm(x) · embed_tokensᵀ
 * </pre>
 *
 * Thread-safe; all per-sequence state lives in the session passed to {@link #step} (a batched pass keeps its
 * scratch buffers per thread).
 */
final class Decoder {
    private static final String STACK = "decoder";

    private final Backend backend;
    private final int dModel;
    private final int heads;
    private final int ffnDim;
    private final int vocabSize;
    private final int maxPositions;
    private final int audioFrames;
    private final Backend.Matrix embedTokens;   // [vocab, d]
    private final Buffer embedPositions;        // [maxPositions, d]
    private final List<ResidualAttentionBlock> layers;
    private final LayerNorm layerNorm;
    private final Backend.Matrix projOut;       // [vocab, d]; embed_tokens itself unless stored apart

    private Decoder(Backend backend, ModelConfig c, Backend.Matrix embedTokens, Buffer embedPositions,
                    List<ResidualAttentionBlock> layers, LayerNorm layerNorm, Backend.Matrix projOut) {
        this.backend = backend;
        this.dModel = c.dModel();
        this.heads = c.decoderAttentionHeads();
        this.ffnDim = c.decoderFfnDim();
        this.vocabSize = c.vocabSize();
        this.maxPositions = c.maxTargetPositions();
        this.audioFrames = c.maxSourcePositions();
        this.embedTokens = embedTokens;
        this.embedPositions = embedPositions;
        this.layers = List.copyOf(layers);
        this.layerNorm = layerNorm;
        this.projOut = projOut;
    }

    /** Binds {@code model.decoder.*} and {@code proj_out.weight} (tied to the token embedding when absent). */
    static Decoder bind(WeightBinder w, ModelConfig c, Backend backend) {
        int d = c.dModel();
        String p = "model.decoder.";
        List<ResidualAttentionBlock> layers = new ArrayList<>();
        for (int i = 0; i < c.decoderLayers(); i++) {
            layers.add(ResidualAttentionBlock.bind(w, STACK, i, d, c.decoderAttentionHeads(), c.decoderFfnDim(), true));
        }
        Backend.Matrix embedTokens = w.matrix(p + "embed_tokens.weight", c.vocabSize(), d);
        return new Decoder(backend, c, embedTokens, w.table(p + "embed_positions.weight", c.maxTargetPositions(), d),
                layers, w.layerNorm(p + "layer_norm", d),
                w.optionalMatrix("proj_out.weight", c.vocabSize(), d).orElse(embedTokens));
    }

    int layerCount() {
        return layers.size();
    }

    int dModel() {
        return dModel;
    }

    int vocabSize() {
        return vocabSize;
    }

    int heads() {
        return heads;
    }

    int audioFrames() {
        return audioFrames;
    }

    int maxPositions() {
        return maxPositions;
    }

    Backend backend() {
        return backend;
    }

    /**
     * The cross-attention keys and values of every layer for one window of audio states {@code [T, d]},
     * kept as {@code cacheType} (F16 halves what each step reads).
     */
    CrossKv crossKv(float[] audio, BufferType cacheType, Profiler profiler) {
        return crossKv(audio, cacheType, profiler, null);
    }

    /**
     * Like {@link #crossKv(float[], BufferType, Profiler)}, written into {@code into}'s buffers when it
     * holds this decoder's keys and values as {@code cacheType} (a finished window's, taken over by the
     * next window: no window-sized caches become garbage); new buffers when {@code into} is null.
     *
     * @throws IllegalArgumentException when {@code into} is not of this decoder's shape or of {@code cacheType}
     */
    CrossKv crossKv(float[] audio, BufferType cacheType, Profiler profiler, CrossKv into) {
        checkInto(into, cacheType);
        if (audio.length != audioFrames * dModel) {
            throw new IllegalArgumentException("the decoder attends to " + audioFrames + " x " + dModel
                    + " = " + audioFrames * dModel + " audio states, got " + audio.length + " values");
        }
        Pass p = Pass.of(backend, profiler, ActivationListener.NONE);
        return crossKv(p, p.backend().upload(audio, audioFrames, dModel), cacheType, into); // host to backend, before the timed pass
    }

    /**
     * Like {@link #crossKv(float[], BufferType, Profiler, CrossKv)}, from audio states already on the
     * backend (the encoder's output buffer, read in place: no host copy and no upload of it).
     *
     * @throws IllegalArgumentException when {@code states} is not {@code [T, d]} F32, or {@code into} does not fit
     */
    CrossKv crossKv(Buffer states, BufferType cacheType, Profiler profiler, CrossKv into) {
        checkInto(into, cacheType);
        if (states.type() != BufferType.F32 || states.rows() != audioFrames || states.cols() != dModel) {
            throw new IllegalArgumentException("the decoder attends to " + audioFrames + " x " + dModel
                    + " F32 audio states, got " + states.rows() + " x " + states.cols() + " " + states.type());
        }
        return crossKv(Pass.of(backend, profiler, ActivationListener.NONE), states, cacheType, into);
    }

    private CrossKv crossKv(Pass p, Buffer states, BufferType cacheType, CrossKv into) {
        Backend b = p.backend();
        Buffer[] keys = new Buffer[layers.size()];
        Buffer[] values = new Buffer[layers.size()];
        // An F16 cache is converted from one F32 projection buffer shared by all 2·L projections
        // (not 2·L window-sized F32 buffers, garbage at once).
        // That buffer is kept for the next window (one spare: a concurrent window allocates its own).
        Buffer projected = cacheType == BufferType.F32 ? null
                : spareProjection.take(() -> b.allocate(audioFrames, dModel, BufferType.F32));
        try (Span pass = p.scopes().pass("decoder.cross_kv")) {
            for (int l = 0; l < layers.size(); l++) {
                Attention cross = layers.get(l).crossAttention();
                try (Span s = p.layer(layers.get(l).name()); Span block = p.block("encoder_attn")) {
                    keys[l] = project(b, cross.kProj(), states, cacheType, projected, into == null ? null : into.keys()[l], true);
                    values[l] = project(b, cross.vProj(), states, cacheType, projected, into == null ? null : into.values()[l],
                            false);
                }
            }
        } finally {
            if (projected != null) {
                spareProjection.release(projected);
            }
        }
        return new CrossKv(keys, values, audioFrames);
    }

    /** The F32 buffer {@link #crossKv} projects an F16 cache through, {@code [T, d]}, between windows. */
    private final Spare<Buffer> spareProjection = new Spare<>();

    private void checkInto(CrossKv into, BufferType cacheType) {
        if (into != null && !fits(into, cacheType)) {
            throw new IllegalArgumentException("the cross-attention buffers to reuse are not " + layers.size()
                    + " layers of " + audioFrames + " x " + dModel + " " + cacheType);
        }
    }

    /** Whether {@code kv} holds a key and a value buffer {@code [T, d]} of {@code type} per layer. */
    private boolean fits(CrossKv kv, BufferType type) {
        if (kv.frames() != audioFrames || kv.keys().length != layers.size() || kv.values().length != layers.size()) {
            return false;
        }
        for (int l = 0; l < layers.size(); l++) {
            for (Buffer buffer : new Buffer[] {kv.keys()[l], kv.values()[l]}) {
                if (buffer.type() != type || buffer.rows() != audioFrames || buffer.cols() != dModel) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * {@code x · projᵀ + bias} as a buffer of {@code type}: {@code target} when given, else a new one
     * (for {@code keys}, a {@link Backend#allocateKeys} one: written here once, then only attended to);
     * through {@code projected} (F32, reused) unless F32.
     */
    private static Buffer project(Backend b, Linear proj, Buffer x, BufferType type, Buffer projected, Buffer target,
                                  boolean keys) {
        Buffer y = type != BufferType.F32 ? projected
                : target != null ? target : b.allocate(x.rows(), proj.weight().rows(), BufferType.F32);
        proj.apply(b, x, y);
        if (type == BufferType.F32) {
            return y;
        }
        Buffer converted = target != null ? target
                : keys ? b.allocateKeys(y.rows(), y.cols(), type) : b.allocate(y.rows(), y.cols(), type);
        b.copyRows(y, 0, converted, 0, y.rows());
        return converted;
    }

    /**
     * Feeds {@code tokens} at positions {@code s.position() ..} in one pass, appending their keys and
     * values to the session's cache, and returns the logits of the last position {@code [vocab]}, or
     * of every fed position {@code [n·vocab]} when {@code allPositions}. Does not advance the session.
     * Reports to the session's profiler and hands the {@code decoder.*} values to {@code listener}.
     */
    float[] step(DecoderSession s, int[] tokens, boolean allPositions, ActivationListener listener) {
        return forward(new SessionRows(new DecoderSession[] {s}, new int[][] {tokens}), allPositions, null, listener, null)[0];
    }

    /** Like {@link #step} for the last position, its logits written into {@code into} ({@code [vocab]}). */
    float[] stepInto(DecoderSession s, int[] tokens, ActivationListener listener, float[] into) {
        return forward(new SessionRows(new DecoderSession[] {s}, new int[][] {tokens}), false, null, listener,
                new float[][] {into})[0];
    }

    /**
     * Like {@link #step}, returning only the logits after {@code tokens[wanted[j]]}, one row each: only those
     * rows are projected onto the vocabulary (a long prompt's every row would be {@code rows × vocab}
     * floats, three copies of them on the way out). Each row is what a one-row pass gives.
     */
    float[][] stepRows(DecoderSession s, int[] tokens, int[] wanted) {
        return forward(new SessionRows(new DecoderSession[] {s}, new int[][] {tokens}), false, wanted, ActivationListener.NONE,
                null);
    }

    /**
     * Feeds one token to each of several sessions in one pass: every projection reads its weights
     * once for all of them (the decoder is memory-bound, so a batch costs little more than one
     * step); attention runs per session on its own caches. Returns each session's logits, in
     * {@code into[i]} ({@code [vocab]}) where {@code into} is given, else in new arrays.
     */
    float[][] stepBatch(DecoderSession[] sessions, int[] tokens, float[][] into) {
        int[][] perSession = new int[sessions.length][];
        for (int i = 0; i < sessions.length; i++) {
            perSession[i] = new int[] {tokens[i]};
        }
        return forward(new SessionRows(sessions, perSession), false, null, ActivationListener.NONE, into);
    }

    /**
     * The decoder pass over the rows of one or more sessions. Returns per session the logits of
     * its last token, or of all its tokens when {@code allPositions}, or (a lone session) one per
     * {@code wanted} row. Capture is for a lone session. The last tokens' logits go into
     * {@code into[i]} where {@code into} is given (neither {@code allPositions} nor {@code wanted}).
     */
    private float[][] forward(SessionRows rows, boolean allPositions, int[] wanted, ActivationListener listener,
                              float[][] into) {
        int count = rows.sessions.length;
        Pass p = Pass.of(backend, rows.sessions[0].profiler(), count == 1 ? listener : ActivationListener.NONE);
        Backend b = p.backend();
        Step step = wanted != null ? new Step(b, rows.rows, dModel, ffnDim, wanted.length, vocabSize)
                : count == 1 && !allPositions ? rows.sessions[0].step(rows.rows, ffnDim, vocabSize)
                : allPositions ? new Step(b, rows.rows, dModel, ffnDim, rows.rows, vocabSize)
                : batchStep(rows.rows);
        KeyValues self = rows.self();
        KeyValues cross = rows.cross();
        try (Span pass = p.scopes().pass("decoder.step")) {
            try (Span s = p.layer("decoder.embed")) {
                b.gather(embedTokens, rows.ids(), step.x);
                b.gather(embedPositions, rows.positions(), step.work.h);
                b.add(step.x, step.work.h);
                p.capture(CaptureSite.of(STACK, CaptureSite.Kind.EMBED), step.x);
            }
            for (ResidualAttentionBlock layer : layers) {
                try (Span s = p.layer(layer.name())) {
                    layer.forward(p, step.x, step.work, self, cross);
                }
            }
            try (Span s = p.layer("decoder.logits")) {
                return logits(p, rows, step, allPositions, wanted, into);
            }
        }
    }

    /**
     * The buffers of a batched one-token pass over {@code rows} sessions, kept per thread for the two
     * batch sizes used last (beams and batched files step many times at one size; a thread may
     * alternate between two, as rounds of beams and of files, or best-of candidates as one ends): a
     * new set per step would allocate and zero {@code rows × vocab} logits each time.
     */
    private Step batchStep(int rows) {
        Step[] kept = batchSteps.get(); // the last size used first
        if (kept[0] != null && kept[0].work.rows == rows) {
            return kept[0];
        }
        Step step = kept[1] != null && kept[1].work.rows == rows ? kept[1]
                : new Step(backend, rows, dModel, ffnDim, rows, vocabSize);
        kept[1] = kept[0];
        kept[0] = step;
        return step;
    }

    private final ThreadLocal<Step[]> batchSteps = ThreadLocal.withInitial(() -> new Step[2]);

    /**
     * The final norm, then the logits of the wanted rows, downloaded per session (or per wanted row),
     * into {@code into}'s arrays where given, else into new ones.
     */
    private float[][] logits(Pass p, SessionRows rows, Step step, boolean allPositions, int[] wanted, float[][] into) {
        Backend b = p.backend();
        layerNorm.apply(b, step.x, step.x);
        p.capture(CaptureSite.of(STACK, CaptureSite.Kind.FINAL_NORM), step.x);
        Buffer from = step.x;
        if (wanted != null) {
            for (int j = 0; j < wanted.length; j++) {
                b.copyRows(step.x, wanted[j], step.last, j, 1);
            }
            b.linear(step.last, projOut, null, step.logits);
            p.capture(CaptureSite.of(STACK, CaptureSite.Kind.LOGITS), step.logits);
            float[][] out = new float[wanted.length][vocabSize];
            for (int j = 0; j < wanted.length; j++) {
                b.download(step.logits, j, 1, out[j]);
            }
            return out;
        }
        if (!allPositions) {
            for (int i = 0; i < rows.sessions.length; i++) {
                b.copyRows(step.x, rows.first[i + 1] - 1, step.last, i, 1);
            }
            from = step.last;
        }
        b.linear(from, projOut, null, step.logits);
        p.capture(CaptureSite.of(STACK, CaptureSite.Kind.LOGITS), step.logits);
        float[][] out = into != null ? into : new float[rows.sessions.length][];
        for (int i = 0; i < out.length; i++) {
            int first = allPositions ? rows.first[i] : i;
            int n = allPositions ? rows.tokens[i].length : 1;
            if (into == null) {
                out[i] = new float[n * vocabSize];
            }
            b.download(step.logits, first, n, out[i]);
        }
        return out;
    }

    /** The buffers of one decoder pass: the residual stream, scratch, the last rows and their logits. */
    static final class Step {
        final Buffer x;
        final Work work;
        final Buffer last;
        final Buffer logits;

        Step(Backend b, int rows, int d, int ffn, int logitRows, int vocab) {
            this.x = b.allocate(rows, d, BufferType.F32);
            this.work = new Work(b, rows, d, ffn);
            this.last = b.allocate(logitRows, d, BufferType.F32);
            this.logits = b.allocate(logitRows, vocab, BufferType.F32);
        }
    }

    /** Keys and values {@code [T, d]} of every decoder layer's cross attention, for one window; shared, never written. */
    record CrossKv(Buffer[] keys, Buffer[] values, int frames) {}
}

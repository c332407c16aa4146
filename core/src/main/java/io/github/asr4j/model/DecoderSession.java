package io.github.asr4j.model;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.profile.ActivationListener;
import io.github.asr4j.profile.CaptureSite;
import io.github.asr4j.profile.Profiler;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One token sequence being decoded against one window of audio: the self-attention KV cache of
 * every decoder layer, the window's cross-attention keys and values (computed once, shared by
 * copies), and the number of positions fed so far.
 *
 * <p>The self-attention caches grow with the positions fed (64 rows, then doubling, at most
 * {@code max_target_positions}): a window rarely fills its 448 positions, and the copies that beam
 * search and best-of sampling make then hold what they use instead of a whole cache each (card
 * shape, F16: 8.3 MB per copy, in 1 MB G1 humongous regions per layer, per decoding attempt).
 *
 * <p>{@link #step} returns a new array per call; {@link #stepInPlace} and {@link #stepBatchInPlace}
 * write into the session's own logits row instead (valid until the session's next step), so that a
 * decoding loop allocates nothing per token. The row moves with the session's memory
 * ({@link #takingOver}, {@link #copyReusing}); every live session has its own.
 *
 * <p>Not thread-safe: one session per sequence (copies for beam search are independent).
 */
public final class DecoderSession {
    private final Decoder decoder;
    private final Decoder.CrossKv cross;
    private final Buffer[] selfKeys;   // per layer [capacity, d] (null before the first feed); rows 0 .. position-1 valid
    private final Buffer[] selfValues;
    private final BufferType cacheType;
    private final Profiler profiler;
    private int position;
    private Decoder.Step step;
    private float[] logits;     // this session's own logits row (stepInPlace), allocated at its first use
    private boolean handedOver; // its memory went to another session (see takingOver, copyReusing)

    DecoderSession(Decoder decoder, Decoder.CrossKv cross, Profiler profiler) {
        this(decoder, cross, new Buffer[decoder.layerCount()], new Buffer[decoder.layerCount()], 0, profiler);
    }

    private DecoderSession(Decoder decoder, Decoder.CrossKv cross, Buffer[] selfKeys, Buffer[] selfValues,
                           int position, Profiler profiler) {
        this.decoder = decoder;
        this.profiler = profiler;
        this.cross = cross;
        this.selfKeys = selfKeys;
        this.selfValues = selfValues;
        this.cacheType = selfCacheType(cross.keys().length == 0 ? BufferType.F32 : cross.keys()[0].type());
        this.position = position;
    }

    /**
     * A session of a new window that takes over {@code finished}'s memory: the next window's
     * cross-attention keys and values are written into {@code finished}'s buffers, and its
     * self-attention caches and step buffers are reused. {@code finished} and every copy of it must
     * be done: {@code finished} refuses any further use, and its copies would attend to the new audio.
     *
     * @throws IllegalArgumentException when {@code finished} belongs to another model or was handed over already
     */
    static DecoderSession takingOver(DecoderSession finished, Decoder decoder, float[] audio, BufferType cacheType,
                                     Profiler profiler) {
        return takingOver(finished, decoder, into -> decoder.crossKv(audio, cacheType, profiler, into), profiler);
    }

    /** Like {@link #takingOver(DecoderSession, Decoder, float[], BufferType, Profiler)}, from states on the backend. */
    static DecoderSession takingOver(DecoderSession finished, Decoder decoder, Buffer states, BufferType cacheType,
                                     Profiler profiler) {
        return takingOver(finished, decoder, into -> decoder.crossKv(states, cacheType, profiler, into), profiler);
    }

    private static DecoderSession takingOver(DecoderSession finished, Decoder decoder,
                                             UnaryOperator<Decoder.CrossKv> projectInto, Profiler profiler) {
        if (finished.decoder != decoder) {
            throw new IllegalArgumentException("a session takes over the memory of a session of the same model only");
        }
        finished.checkUsable();
        finished.handedOver = true;
        DecoderSession next = new DecoderSession(decoder, projectInto.apply(finished.cross),
                finished.selfKeys.clone(), finished.selfValues.clone(), 0, profiler);
        next.step = finished.step;
        next.logits = finished.logits;
        return next;
    }

    /**
     * The self-attention caches' type beside a cross cache of {@code cross}: the same, except F16
     * beside Q8: Q8 is for caches written whole and then only read, while the self caches gain a row
     * per step (and are small: ~0.8 MB read per step, card shape, against ~14 MB of Q8 cross cache).
     */
    static BufferType selfCacheType(BufferType cross) {
        return cross == BufferType.Q8 ? BufferType.F16 : cross;
    }

    /** Rows of a cache that is to hold {@code needed} positions: 64, doubled until it does, at most the decoder's limit. */
    static int capacityFor(int needed, int maxPositions) {
        int rows = MIN_CAPACITY;
        while (rows < needed && rows < maxPositions) {
            rows *= 2;
        }
        return Math.min(rows, maxPositions);
    }

    private static final int MIN_CAPACITY = 64;

    /** The positions the self-attention caches hold now (0 before the first feed). */
    int capacity() {
        return selfKeys.length == 0 || selfKeys[0] == null ? 0 : selfKeys[0].rows();
    }

    /**
     * Makes the caches hold {@code needed} positions, in the element type of the window's
     * cross-attention cache, keeping the first {@code keep} rows (the valid ones, or none when the
     * caller overwrites them all).
     */
    private void reserve(int needed, int keep) {
        if (needed <= capacity()) {
            return;
        }
        int rows = capacityFor(needed, decoder.maxPositions());
        Backend backend = decoder.backend();
        for (int l = 0; l < selfKeys.length; l++) {
            selfKeys[l] = grown(backend, selfKeys[l], rows, keep);
            selfValues[l] = grown(backend, selfValues[l], rows, keep);
        }
    }

    private Buffer grown(Backend backend, Buffer old, int rows, int keep) {
        Buffer cache = backend.allocate(rows, decoder.dModel(), cacheType);
        if (keep > 0) {
            backend.copyRows(old, 0, cache, 0, keep);
        }
        return cache;
    }

    /**
     * Feeds {@code tokens} at positions {@link #position()} .. position()+n-1 in one pass and
     * returns the logits of the last one ({@code [vocab]}, a new array the caller owns).
     *
     * @throws IllegalArgumentException when {@code tokens} is empty or holds an id outside the vocabulary
     * @throws IllegalStateException when the sequence would pass the decoder's {@code max_target_positions}
     */
    public float[] step(int[] tokens) {
        return step(tokens, ActivationListener.NONE);
    }

    /** Like {@link #step}, handing the {@code decoder.*} values {@code listener} wants to it during the pass. */
    public float[] step(int[] tokens, ActivationListener listener) {
        checkTokens(tokens);
        reserve(position + tokens.length, position);
        float[] logits = decoder.step(this, tokens, false, listener);
        position += tokens.length;
        return logits;
    }

    /**
     * Like {@link #step}, but the logits go into this session's own row, which is returned: the
     * same array at every step, overwritten by the session's next step (of any kind that returns it),
     * the caller's to read and edit until then. What must outlive that step is copied.
     */
    public float[] stepInPlace(int[] tokens) {
        checkTokens(tokens);
        reserve(position + tokens.length, position);
        float[] row = decoder.stepInto(this, tokens, ActivationListener.NONE, ownRow());
        position += tokens.length;
        return row;
    }

    /** This session's logits row, allocated at its first use. */
    private float[] ownRow() {
        if (logits == null) {
            logits = new float[decoder.vocabSize()];
        }
        return logits;
    }

    /**
     * Feeds {@code tokens[i]} to {@code sessions[i]}, all in one decoder pass whose projections read
     * their weights once for the whole batch, and returns each session's next-token logits. The
     * sessions must be distinct and of one model; each advances by one position.
     *
     * @throws IllegalArgumentException on a length mismatch, a repeated session, or a token outside the vocabulary
     * @throws IllegalStateException when a session is at the decoder's position limit
     */
    public static float[][] stepBatch(DecoderSession[] sessions, int[] tokens) {
        return stepBatch(sessions, tokens, false);
    }

    /**
     * Like {@link #stepBatch}, but each session's logits go into its own row, as {@link #stepInPlace}:
     * {@code result[i]} is {@code sessions[i]}'s row, valid until that session's next step.
     */
    public static float[][] stepBatchInPlace(DecoderSession[] sessions, int[] tokens) {
        return stepBatch(sessions, tokens, true);
    }

    private static float[][] stepBatch(DecoderSession[] sessions, int[] tokens, boolean inPlace) {
        if (sessions.length != tokens.length || sessions.length == 0) {
            throw new IllegalArgumentException(sessions.length + " sessions but " + tokens.length + " tokens");
        }
        for (int i = 0; i < sessions.length; i++) {
            if (sessions[i].decoder != sessions[0].decoder) {
                throw new IllegalArgumentException("session " + i + " belongs to another model");
            }
            for (int j = 0; j < i; j++) { // a batch is a few sessions: a pairwise check allocates nothing
                if (sessions[j] == sessions[i]) {
                    throw new IllegalArgumentException("session " + i + " appears twice in the batch");
                }
            }
            sessions[i].checkUsable();
            sessions[i].checkRoom(1);
            sessions[i].checkInVocabulary(tokens[i], 0);
        }
        float[][] into = inPlace ? new float[sessions.length][] : null;
        for (int i = 0; i < sessions.length; i++) {
            sessions[i].reserve(sessions[i].position + 1, sessions[i].position);
            if (inPlace) {
                into[i] = sessions[i].ownRow();
            }
        }
        float[][] logits = sessions[0].decoder.stepBatch(sessions, tokens, into);
        for (DecoderSession s : sessions) {
            s.position++;
        }
        return logits;
    }

    /**
     * Like {@link #step}, but returns two rows: the logits after {@code tokens[probeIndex]} and after the
     * last token (the window decoder's no-speech probe and first choice). Only those two positions are
     * projected onto the vocabulary, each as a one-token pass would; a long prompt's other rows cost
     * nothing there (at 224 prompt tokens their logits alone would be 46 MB, card shape).
     *
     * @throws IllegalArgumentException as {@link #step}, or when {@code probeIndex} is outside {@code tokens}
     */
    public float[][] stepProbing(int[] tokens, int probeIndex) {
        checkTokens(tokens);
        if (probeIndex < 0 || probeIndex >= tokens.length) {
            throw new IllegalArgumentException("probe index " + probeIndex + " is outside the " + tokens.length + " tokens fed");
        }
        reserve(position + tokens.length, position);
        float[][] logits = decoder.stepRows(this, tokens, new int[] {probeIndex, tokens.length - 1});
        position += tokens.length;
        return logits;
    }

    /** Like {@link #step}, but returns the logits of every fed position, {@code [n][vocab]}. */
    public float[][] stepAllLogits(int[] tokens) {
        return stepAllLogits(tokens, ActivationListener.NONE);
    }

    /** Like {@link #stepAllLogits(int[])}, handing the values {@code listener} wants to it during the pass. */
    public float[][] stepAllLogits(int[] tokens, ActivationListener listener) {
        checkTokens(tokens);
        reserve(position + tokens.length, position);
        float[] flat = decoder.step(this, tokens, true, listener);
        position += tokens.length;
        int v = decoder.vocabSize();
        float[][] rows = new float[tokens.length][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Arrays.copyOfRange(flat, i * v, (i + 1) * v);
        }
        return rows;
    }

    /** Positions fed so far (the position the next token will take). */
    public int position() {
        return position;
    }

    /** The most positions a sequence may hold ({@code max_target_positions}). */
    public int maxPositions() {
        return decoder.maxPositions();
    }

    /** Logits per position. */
    public int vocabSize() {
        return decoder.vocabSize();
    }

    /**
     * Forgets every position from {@code position} on, so the next token is fed there.
     *
     * @throws IllegalArgumentException unless {@code 0 <= position <= position()}
     */
    public void rewind(int position) {
        checkUsable();
        if (position < 0 || position > this.position) {
            throw new IllegalArgumentException("cannot rewind to position " + position
                    + ": the session holds positions 0.." + (this.position - 1));
        }
        this.position = position;
    }

    /** Forgets every position (same audio window). */
    public void reset() {
        rewind(0);
    }

    /**
     * An independent session at the same position: its own copy of the self-attention cache, the
     * same (read-only) cross-attention keys and values.
     */
    public DecoderSession copy() {
        checkUsable();
        return copyRows(new DecoderSession(decoder, cross, profiler));
    }

    /**
     * Makes {@code spare}, a session of the same window (a sibling copy) whose sequence the caller
     * gives up, what {@link #copy()} would return, in its own caches: beam search reuses an ended
     * beam's memory for a fork instead of allocating a new cache. This session is not changed.
     *
     * @return {@code spare}, now at this session's position with its cache rows
     * @throws IllegalArgumentException when {@code spare} is this session or attends to another window or model
     */
    public DecoderSession copyInto(DecoderSession spare) {
        checkUsable();
        spare.checkUsable();
        if (spare == this || spare.decoder != decoder || spare.cross != cross) {
            throw new IllegalArgumentException("a session is copied only into another session of the same window");
        }
        return copyRows(spare);
    }

    /**
     * Like {@link #copyInto}, for a {@code spare} of any window of this model (a copy kept from an
     * earlier window or decoding attempt, whose sequence the caller gives up): when it attends to
     * another window the copy is a new session in {@code spare}'s caches, and {@code spare} refuses
     * any further use.
     *
     * @return a session at this session's position with its cache rows, in {@code spare}'s memory
     * @throws IllegalArgumentException when {@code spare} is this session or belongs to another model
     */
    public DecoderSession copyReusing(DecoderSession spare) {
        if (spare.cross == cross) {
            return copyInto(spare);
        }
        checkUsable();
        spare.checkUsable();
        if (spare.decoder != decoder) {
            throw new IllegalArgumentException("a session is copied only into a session of the same model");
        }
        spare.handedOver = true;
        DecoderSession copy = new DecoderSession(decoder, cross, spare.selfKeys.clone(), spare.selfValues.clone(), 0, profiler);
        copy.logits = spare.logits;
        return copyRows(copy);
    }

    /**
     * Copies this session's valid cache rows into {@code target}'s caches (grown to hold one more
     * position, the next step's, where they hold fewer) and sets its position; returns it.
     */
    private DecoderSession copyRows(DecoderSession target) {
        target.reserve(Math.min(position + 1, decoder.maxPositions()), 0);
        Backend backend = decoder.backend();
        for (int l = 0; l < selfKeys.length; l++) {
            backend.copyRows(selfKeys[l], 0, target.selfKeys[l], 0, position);
            backend.copyRows(selfValues[l], 0, target.selfValues[l], 0, position);
        }
        target.position = position;
        return target;
    }

    /**
     * The cross-attention weights of chosen heads for a whole token sequence, as word-level timing
     * needs them: one pass of {@code tokens} (typically the SOT sequence, the text tokens and EOT)
     * from position 0 in a fresh session sharing this one's audio; this session is not changed.
     *
     * @param heads {@code [layer, head]} pairs (generation_config's {@code alignment_heads})
     * @return {@code [heads.size()][tokens.length][audio frames]}; every row sums to 1
     * @throws IllegalArgumentException when a pair names no decoder layer or head, or a token is out of range
     */
    public float[][][] crossAttentionWeights(int[] tokens, List<int[]> heads) {
        return crossAttentionWeights(tokens, heads, decoder.audioFrames());
    }

    /**
     * Like {@link #crossAttentionWeights(int[], List)}, but each row is a distribution over the first
     * {@code audioFrames} keys only: softmax of the scores cut to those keys, as openai-whisper's
     * {@code find_alignment} computes it ({@code weights[:, :, :num_frames // 2].softmax(-1)}) so that the
     * silence padding after the audio takes no weight. Computed by renormalising the full rows, which
     * is the same softmax.
     *
     * @param audioFrames encoder frames holding audio ({@code num_frames // 2}), 1 .. max_source_positions
     * @return {@code [heads.size()][tokens.length][audioFrames]}
     */
    public float[][][] crossAttentionWeights(int[] tokens, List<int[]> heads, int audioFrames) {
        return crossAttentionPass(tokens, heads, audioFrames, false).weights();
    }

    /**
     * One pass giving what word-level timing needs: the chosen heads' cross-attention weights (as
     * {@link #crossAttentionWeights(int[], List)}, over all audio frames) and the logits of every
     * position of the same pass ({@code [tokens.length][vocab]}, as {@link #stepAllLogits(int[])}).
     * Runs in a fresh session sharing this one's audio; this session is not changed.
     */
    public CrossAttentionPass crossAttentionPass(int[] tokens, List<int[]> heads) {
        return crossAttentionPass(tokens, heads, decoder.audioFrames(), true);
    }

    private CrossAttentionPass crossAttentionPass(int[] tokens, List<int[]> heads, int audioFrames, boolean withLogits) {
        checkUsable();
        if (audioFrames < 1 || audioFrames > decoder.audioFrames()) {
            throw new IllegalArgumentException("audioFrames must be in 1.." + decoder.audioFrames() + ", got " + audioFrames);
        }
        int layers = decoder.layerCount();
        int perLayer = decoder.heads();
        boolean[] wantedLayers = new boolean[layers];
        for (int[] pair : heads) {
            if (pair.length != 2 || pair[0] < 0 || pair[0] >= layers || pair[1] < 0 || pair[1] >= perLayer) {
                throw new IllegalArgumentException("alignment head " + Arrays.toString(pair) + " is not a [layer, head]"
                        + " pair of this decoder (" + layers + " layers, " + perLayer + " heads)");
            }
            wantedLayers[pair[0]] = true;
        }
        float[][] byLayer = new float[layers][];
        ActivationListener collect = new ActivationListener() {
            @Override
            public boolean wants(CaptureSite site) {
                return site.kind() == CaptureSite.Kind.CROSS_ATTN_WEIGHTS && wantedLayers[site.layer()];
            }

            @Override
            public void accept(CaptureSite site, float[] values, int[] shape) {
                byLayer[site.layer()] = values;
            }

            @Override
            public boolean wants(String name) {
                return false;
            }

            @Override
            public void accept(String name, float[] values, int[] shape) {
                throw new IllegalStateException("word timing collects cross-attention weights by site, was handed " + name);
            }
        };
        DecoderSession fresh = new DecoderSession(decoder, cross, profiler);
        float[][] logits = null;
        if (withLogits) {
            logits = fresh.stepAllLogits(tokens, collect);
        } else {
            fresh.step(tokens, collect);
        }

        int n = tokens.length;
        int frames = decoder.audioFrames();
        float[][][] out = new float[heads.size()][n][];
        // Layer by layer, each layer's captured weights dropped once its heads are copied: with every layer's
        // kept to the end, a 224-token window of the card shape held 48 MB twice (docs/notes/2026-12-07f-closing.md).
        for (int layer = 0; layer < layers; layer++) {
            float[] w = byLayer[layer];
            byLayer[layer] = null;
            for (int a = 0; a < heads.size(); a++) {
                if (heads.get(a)[0] != layer) {
                    continue;
                }
                int head = heads.get(a)[1];
                for (int i = 0; i < n; i++) {
                    int from = (head * n + i) * frames;
                    out[a][i] = Arrays.copyOfRange(w, from, from + audioFrames);
                    if (audioFrames < frames) {
                        renormalise(out[a][i]);
                    }
                }
            }
        }
        return new CrossAttentionPass(out, logits);
    }

    /**
     * The result of {@link #crossAttentionPass}.
     *
     * @param weights {@code [heads][tokens][audio frames]}, rows summing to 1
     * @param logits  {@code [tokens][vocab]}
     */
    public record CrossAttentionPass(float[][][] weights, float[][] logits) {}

    private static void renormalise(float[] row) {
        double sum = 0;
        for (float p : row) {
            sum += p;
        }
        for (int j = 0; j < row.length; j++) {
            row[j] = (float) (row[j] / sum);
        }
    }

    private void checkUsable() {
        if (handedOver) {
            throw new IllegalStateException("this session's memory was taken over by another session (the next window's, or a copy)");
        }
    }

    private void checkTokens(int[] tokens) {
        checkUsable();
        if (tokens.length == 0) {
            throw new IllegalArgumentException("no tokens to feed");
        }
        checkRoom(tokens.length);
        for (int i = 0; i < tokens.length; i++) {
            checkInVocabulary(tokens[i], i);
        }
    }

    private void checkRoom(int count) {
        if (position + count > decoder.maxPositions()) {
            throw new IllegalStateException("feeding " + count + " token(s) at position " + position
                    + " would pass the decoder's limit of " + decoder.maxPositions()
                    + " positions (max_target_positions)");
        }
    }

    private void checkInVocabulary(int token, int index) {
        if (token < 0 || token >= decoder.vocabSize()) {
            throw new IllegalArgumentException("token " + token + " at index " + index
                    + " is outside the vocabulary 0.." + (decoder.vocabSize() - 1));
        }
    }

    // ------------------------------------------------------------------ for Decoder.step

    Profiler profiler() {
        return profiler;
    }

    Decoder.CrossKv cross() {
        return cross;
    }

    Buffer selfKeys(int layer) {
        return selfKeys[layer];
    }

    Buffer selfValues(int layer) {
        return selfValues[layer];
    }

    /** The buffers of a pass feeding {@code rows} tokens, reused while the row count repeats (the one-token loop). */
    Decoder.Step step(int rows, int ffnDim, int vocab) {
        if (step == null || step.work.rows != rows) {
            step = new Decoder.Step(decoder.backend(), rows, decoder.dModel(), ffnDim, 1, vocab);
        }
        return step;
    }
}

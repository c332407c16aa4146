package io.github.asr4j.qwen;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.loader.QwenAsrConfig;

/**
 * One transcription's decoder state: the key/value cache of every layer and the position the
 * next token takes. {@link #prefill} feeds the whole prompt (the audio rows in place of its
 * {@code <|audio_pad|>} tokens) in one pass; {@link #step} then feeds one token at a time.
 *
 * <p>The caches grow on demand (doubling) up to the session's {@code maxPositions}, so a generous
 * limit costs no memory until it is used. {@link #step} returns a new array per call;
 * {@link #stepInPlace} and {@link #stepAllInPlace} write into the session's own logits row instead
 * (valid until its next step), so that a decoding loop allocates nothing per token.
 * Not thread-safe: one session per sequence.
 */
public final class QwenDecoderSession implements AutoCloseable {
    private static final int INITIAL_CAPACITY = 64;

    private final QwenTextDecoder decoder;
    private final int maxPositions;
    private Buffer[] keys;     // per layer [capacity, kvHeads·headDim]; rows 0 .. position-1 valid
    private Buffer[] values;
    private int capacity;
    private int position;
    private Scratch oneToken;  // the buffers of a one-token pass, reused by every step
    private float[] logits;    // this session's own logits row (stepInPlace), allocated at its first use
    private boolean closed;

    QwenDecoderSession(QwenTextDecoder decoder, int maxPositions) {
        this.decoder = decoder;
        this.maxPositions = maxPositions;
        int layers = decoder.config().layers();
        this.keys = new Buffer[layers];
        this.values = new Buffer[layers];
    }

    /**
     * Feeds the prompt at positions 0 .. n-1 in one pass and returns the logits of its last
     * position ({@code [vocab]}, a new array).
     *
     * @param promptIds the ChatML prompt with one {@code <|audio_pad|>} per audio row
     * @param audio     the encoder output; null only when the prompt holds no {@code <|audio_pad|>}
     * @throws IllegalArgumentException when the prompt is empty, an id is outside the vocabulary, or the
     *     number of {@code <|audio_pad|>} tokens differs from {@code audio.tokens()}
     * @throws IllegalStateException when the session was fed already, is closed, or the prompt passes {@code maxPositions}
     */
    public float[] prefill(int[] promptIds, EncodedAudio audio) {
        checkOpen();
        if (position != 0) {
            throw new IllegalStateException("prefill starts a session; this one is at position " + position);
        }
        checkIds(promptIds);
        int pads = 0;
        for (int id : promptIds) {
            if (id == decoder.audioTokenId()) {
                pads++;
            }
        }
        int rows = audio == null ? 0 : audio.tokens();
        if (pads != rows) {
            throw new IllegalArgumentException("the prompt holds " + pads + " <|audio_pad|> tokens (id "
                    + decoder.audioTokenId() + ") but the audio has " + rows + " rows");
        }
        if (audio != null && audio.width() != decoder.config().hiddenSize()) {
            throw new IllegalArgumentException("audio rows of width " + audio.width() + " do not fit the decoder's hidden size "
                    + decoder.config().hiddenSize());
        }
        return feed(promptIds, audio, null);
    }

    /**
     * Feeds one token at {@link #position()} and returns its logits ({@code [vocab]}, a new array).
     *
     * @throws IllegalArgumentException when {@code token} is outside the vocabulary
     * @throws IllegalStateException when the session is full or closed
     */
    public float[] step(int token) {
        checkOpen();
        int[] ids = {token};
        checkIds(ids);
        return feed(ids, null, null);
    }

    /**
     * Like {@link #step}, but the logits go into this session's own row, which is returned: the same
     * array at every step, overwritten by the session's next in-place step, the caller's to read and
     * edit until then.
     */
    public float[] stepInPlace(int token) {
        checkOpen();
        int[] ids = {token};
        checkIds(ids);
        return feed(ids, null, ownRow());
    }

    /** This session's logits row, allocated at its first use. */
    private float[] ownRow() {
        if (logits == null) {
            logits = new float[decoder.config().vocabSize()];
        }
        return logits;
    }

    /**
     * Feeds {@code tokens[i]} to {@code sessions.get(i)}, all in one decoder pass whose projections
     * and logits read their weights once for the whole batch, and returns each session's logits.
     * The sessions must be distinct, open, prefilled or not, and of one model; each advances by one
     * position. The result equals stepping each session alone to float rounding (the batched
     * products sum in another order).
     *
     * @throws IllegalArgumentException on a length mismatch, a repeated session, a session of another
     *     model, or a token outside the vocabulary
     * @throws IllegalStateException when a session is closed or full
     */
    public static float[][] stepAll(java.util.List<QwenDecoderSession> sessions, int[] tokens) {
        return stepAll(sessions, tokens, false);
    }

    /**
     * Like {@link #stepAll}, but each session's logits go into its own row, as {@link #stepInPlace}:
     * {@code result[i]} is {@code sessions.get(i)}'s row, valid until that session's next step.
     */
    public static float[][] stepAllInPlace(java.util.List<QwenDecoderSession> sessions, int[] tokens) {
        return stepAll(sessions, tokens, true);
    }

    private static float[][] stepAll(java.util.List<QwenDecoderSession> sessions, int[] tokens, boolean inPlace) {
        if (sessions.isEmpty() || sessions.size() != tokens.length) {
            throw new IllegalArgumentException(sessions.size() + " sessions but " + tokens.length + " tokens");
        }
        QwenDecoderSession[] batch = sessions.toArray(QwenDecoderSession[]::new);
        java.util.Set<QwenDecoderSession> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int i = 0; i < batch.length; i++) {
            QwenDecoderSession s = batch[i];
            if (s.decoder != batch[0].decoder) {
                throw new IllegalArgumentException("session " + i + " belongs to another model");
            }
            if (!seen.add(s)) {
                throw new IllegalArgumentException("session " + i + " appears twice in the batch");
            }
            s.checkOpen();
            s.checkIds(new int[] {tokens[i]});
        }
        if (batch.length == 1) {
            return new float[][] {inPlace ? batch[0].stepInPlace(tokens[0]) : batch[0].step(tokens[0])};
        }
        float[][] into = inPlace ? new float[batch.length][] : null;
        for (int i = 0; i < batch.length; i++) {
            batch[i].reserve(batch[i].position + 1);
            if (inPlace) {
                into[i] = batch[i].ownRow();
            }
        }
        float[][] logits = batch[0].decoder.forwardBatch(batch, tokens, into);
        for (QwenDecoderSession s : batch) {
            s.position++;
        }
        return logits;
    }

    /** Positions fed so far (the position the next token takes). */
    public int position() {
        return position;
    }

    /** The most positions this session holds. */
    public int maxPositions() {
        return maxPositions;
    }

    /** Logits per position. */
    public int vocabSize() {
        return decoder.config().vocabSize();
    }

    /** Drops the caches; the session is unusable afterwards. */
    @Override
    public void close() {
        closed = true;
        keys = null;
        values = null;
        oneToken = null;
        logits = null;
    }

    /** @param into the logits' destination ({@code [vocab]}), or null for a new array */
    private float[] feed(int[] ids, EncodedAudio audio, float[] into) {
        reserve(position + ids.length);
        float[] result = decoder.forward(this, ids, audio, into);
        position += ids.length;
        return result;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the decoder session is closed");
        }
    }

    private void checkIds(int[] ids) {
        if (ids.length == 0) {
            throw new IllegalArgumentException("no tokens to feed");
        }
        if (position + (long) ids.length > maxPositions) {
            throw new IllegalStateException("feeding " + ids.length + " token(s) at position " + position
                    + " would pass this session's limit of " + maxPositions + " positions");
        }
        int vocab = decoder.config().vocabSize();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocab) {
                throw new IllegalArgumentException("token " + ids[i] + " at index " + i + " is outside the vocabulary 0.."
                        + (vocab - 1));
            }
        }
    }

    /** Grows every layer's cache to hold {@code positions} rows (at least doubling, at most {@code maxPositions}). */
    private void reserve(int positions) {
        if (positions <= capacity) {
            return;
        }
        int grown = Math.min(maxPositions, Math.max(positions, Math.max(INITIAL_CAPACITY, 2 * capacity)));
        Backend b = decoder.backend();
        int width = decoder.kvWidth();
        for (int l = 0; l < keys.length; l++) {
            keys[l] = grow(b, keys[l], b.allocateKeys(grown, width, BufferType.F32));
            values[l] = grow(b, values[l], b.allocate(grown, width, BufferType.F32));
        }
        capacity = grown;
    }

    /** {@code fresh} holding {@code old}'s rows so far (keys in the backend's key layout: {@link Backend#allocateKeys}). */
    private Buffer grow(Backend b, Buffer old, Buffer fresh) {
        if (old != null && position > 0) {
            b.copyRows(old, 0, fresh, 0, position);
        }
        return fresh;
    }

    // ------------------------------------------------------------------ for QwenTextDecoder

    Buffer keys(int layer) {
        return keys[layer];
    }

    Buffer values(int layer) {
        return values[layer];
    }

    /** The buffers of a pass over {@code n} tokens; the one-token ones are kept for the next step. */
    Scratch scratch(int n) {
        if (n != 1) {
            return new Scratch(decoder.backend(), decoder.config(), n);
        }
        if (oneToken == null) {
            oneToken = new Scratch(decoder.backend(), decoder.config(), 1);
        }
        return oneToken;
    }

    /** Activations of one decoder pass over {@code n} rows. */
    static final class Scratch {
        final Buffer x;
        final Buffer h;
        final Buffer q;
        final Buffer k;
        final Buffer v;
        final Buffer attn;
        final Buffer gate;
        final Buffer up;
        final Buffer last;
        final Buffer logits;

        Scratch(Backend b, QwenAsrConfig.TextDecoder c, int n) {
            this(b, c, n, 1);
        }

        /** {@code logitRows} rows of final state and logits: 1 for a pass of one sequence, n for a batch. */
        Scratch(Backend b, QwenAsrConfig.TextDecoder c, int n, int logitRows) {
            int qWidth = c.heads() * c.headDim();
            int kvWidth = c.kvHeads() * c.headDim();
            x = b.allocate(n, c.hiddenSize(), BufferType.F32);
            h = b.allocate(n, c.hiddenSize(), BufferType.F32);
            q = b.allocate(n, qWidth, BufferType.F32);
            k = b.allocate(n, kvWidth, BufferType.F32);
            v = b.allocate(n, kvWidth, BufferType.F32);
            attn = b.allocate(n, qWidth, BufferType.F32);
            gate = b.allocate(n, c.intermediateSize(), BufferType.F32);
            up = b.allocate(n, c.intermediateSize(), BufferType.F32);
            last = b.allocate(logitRows, c.hiddenSize(), BufferType.F32);
            logits = b.allocate(logitRows, c.vocabSize(), BufferType.F32);
        }
    }
}

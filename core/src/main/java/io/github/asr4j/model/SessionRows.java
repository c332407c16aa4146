package io.github.asr4j.model;

import io.github.asr4j.kernels.AttentionMask;
import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Buffer;

/**
 * The rows of one decoder pass: the tokens of one or more sessions stacked, session {@code i}
 * holding rows {@code first[i] .. first[i + 1] - 1} at its positions {@code position() ..}.
 * Gives the decoder's two kinds of keys and values: {@link #self()} appends each session's new
 * keys and values to its cache and attends causally over it; {@link #cross()} attends to each
 * session's window of audio. A lone session's rows are attended in place; in a batch of one new
 * row per session at one position (beams) the self-attention is one grouped call, otherwise each
 * session's rows are copied out and back for it, since attention takes whole buffers; the
 * cross-attention of all the sessions is one grouped call.
 */
final class SessionRows {
    final DecoderSession[] sessions;
    final int[][] tokens;
    final int[] first;
    final int rows;
    private final AttentionMask[] causal; // per session, for every layer's self-attention
    private final boolean selfGrouped;    // one new row per session at one position: grouped self-attention

    SessionRows(DecoderSession[] sessions, int[][] tokens) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.first = new int[sessions.length + 1];
        this.causal = new AttentionMask[sessions.length];
        for (int i = 0; i < sessions.length; i++) {
            first[i + 1] = first[i] + tokens[i].length;
            causal[i] = AttentionMask.causal(sessions[i].position());
        }
        this.rows = first[sessions.length];
        this.selfGrouped = oneRowEachAtOnePosition();
    }

    /** Token ids of all rows. */
    int[] ids() {
        int[] ids = new int[rows];
        for (int i = 0; i < sessions.length; i++) {
            System.arraycopy(tokens[i], 0, ids, first[i], tokens[i].length);
        }
        return ids;
    }

    /** Positions of all rows. */
    int[] positions() {
        int[] positions = new int[rows];
        for (int i = 0; i < sessions.length; i++) {
            for (int t = 0; t < tokens[i].length; t++) {
                positions[first[i] + t] = sessions[i].position() + t;
            }
        }
        return positions;
    }

    KeyValues self() {
        return new KeyValues() {
            @Override
            public boolean projected() {
                return true;
            }

            @Override
            public void attend(Backend b, int layer, Work w, int heads) {
                for (int i = 0; i < sessions.length; i++) {
                    DecoderSession s = sessions[i];
                    b.copyRows(w.k, first[i], s.selfKeys(layer), s.position(), tokens[i].length);
                    b.copyRows(w.v, first[i], s.selfValues(layer), s.position(), tokens[i].length);
                }
                if (selfGrouped) {
                    attendSelfGrouped(b, layer, w, heads);
                    return;
                }
                for (int i = 0; i < sessions.length; i++) {
                    DecoderSession s = sessions[i];
                    attendRows(b, w, i, s.selfKeys(layer), s.selfValues(layer), s.position() + tokens[i].length,
                            causal[i], heads);
                }
            }

            @Override
            public Buffer weights(Backend b, int layer, Work w, int heads, int[] shape) {
                DecoderSession s = sessions[0];
                return KeyValues.weightsOf(b, w.q, s.selfKeys(layer), s.position() + rows, heads, causal[0], shape);
            }
        };
    }

    KeyValues cross() {
        return new KeyValues() {
            @Override
            public boolean projected() {
                return false;
            }

            @Override
            public void attend(Backend b, int layer, Work w, int heads) {
                if (sessions.length == 1) {
                    Decoder.CrossKv c = sessions[0].cross();
                    attendRows(b, w, 0, c.keys()[layer], c.values()[layer], c.frames(), AttentionMask.full(), heads);
                    return;
                }
                attendGrouped(b, layer, w, heads);
            }

            @Override
            public Buffer weights(Backend b, int layer, Work w, int heads, int[] shape) {
                Decoder.CrossKv c = sessions[0].cross();
                return KeyValues.weightsOf(b, w.q, c.keys()[layer], c.frames(), heads, AttentionMask.full(), shape);
            }
        };
    }

    /** One past the last of the consecutive sessions from {@code i} on that attend to the same audio window (beams). */
    private int sharingCross(int i) {
        int end = i + 1;
        while (end < sessions.length && sessions[end].cross() == sessions[i].cross()) {
            end++;
        }
        return end;
    }

    /**
     * Cross-attention of a batch's rows in one {@link Backend#attentionEach(Buffer, int[], Buffer[], Buffer[], int, int, int,
     * Buffer)} call, one group per run of consecutive sessions that share one window's keys and values
     * (beams): the backend reads each window's cache once for its rows and spreads all the windows
     * over its threads; each row's result is bit-identical to its own one-row call.
     */
    private void attendGrouped(Backend b, int layer, Work w, int heads) {
        int groups = 0;
        for (int i = 0; i < sessions.length; i = sharingCross(i)) {
            groups++;
        }
        int[] from = new int[groups + 1];
        Buffer[] keys = new Buffer[groups];
        Buffer[] values = new Buffer[groups];
        int frames = sessions[0].cross().frames();
        for (int i = 0, g = 0; i < sessions.length; g++) {
            Decoder.CrossKv c = sessions[i].cross();
            if (c.frames() != frames) {
                throw new IllegalStateException("sessions attend to windows of " + frames + " and " + c.frames() + " frames");
            }
            keys[g] = c.keys()[layer];
            values[g] = c.values()[layer];
            i = sharingCross(i);
            from[g + 1] = first[i];
        }
        b.attentionEach(w.q, from, keys, values, frames, heads, heads, w.attn);
    }

    /**
     * Whether this is a batch of one new row per session, every session at the same position (beams,
     * or files stepped together): each row then sees all of its cache's keys, its causal mask being
     * the full one over {@code position + 1} keys.
     */
    private boolean oneRowEachAtOnePosition() {
        if (sessions.length < 2) {
            return false;
        }
        for (int i = 0; i < sessions.length; i++) {
            if (tokens[i].length != 1 || sessions[i].position() != sessions[0].position()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Self-attention of {@link #oneRowEachAtOnePosition} rows in one grouped call, each session's row
     * over its own cache: one hand-off per layer instead of one per session, and no copies of the
     * rows out and back; each row keeps its one-row bits ({@link Backend#attentionEach}).
     */
    private void attendSelfGrouped(Backend b, int layer, Work w, int heads) {
        Buffer[] keys = new Buffer[sessions.length];
        Buffer[] values = new Buffer[sessions.length];
        for (int i = 0; i < sessions.length; i++) {
            keys[i] = sessions[i].selfKeys(layer);
            values[i] = sessions[i].selfValues(layer);
        }
        b.attentionEach(w.q, first, keys, values, sessions[0].position() + 1, heads, heads, w.attn);
    }

    /** Attention of session {@code i}'s rows of {@code w.q} into the same rows of {@code w.attn}. */
    private void attendRows(Backend b, Work w, int i, Buffer keys, Buffer values, int nkv, AttentionMask mask, int heads) {
        if (sessions.length == 1) {
            b.attention(w.q, keys, values, nkv, heads, heads, mask, w.attn);
            return;
        }
        int n = tokens[i].length;
        Buffer q = w.sessionQuery(b, n);
        Buffer out = w.sessionOutput(b, n);
        b.copyRows(w.q, first[i], q, 0, n);
        b.attention(q, keys, values, nkv, heads, heads, mask, out);
        b.copyRows(out, 0, w.attn, first[i], n);
    }
}

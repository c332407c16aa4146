package io.github.asr4j.model;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Buffer;
import io.github.asr4j.kernels.BufferType;

/**
 * The scratch activations of one pass over {@code rows} rows, in the backend: {@code h} (a
 * normed or projected row block), {@code q}, {@code k}, {@code v}, the attention output
 * {@code attn} ({@code [rows, d]} each) and the MLP's hidden {@code mlp} ({@code [rows, ffn]}).
 * In the encoder's work ({@link #sharingMlp}) {@code attn} lives in {@code mlp}'s storage
 * ({@link Backend#view}): a layer's attention output is read by its output projection before its MLP
 * writes {@code mlp} (4.6 MB less per pass on the card). The decoder's few rows keep their own.
 */
final class Work {
    final int rows;
    final Buffer h;
    final Buffer q;
    final Buffer k;
    final Buffer v;
    final Buffer attn;
    final Buffer mlp;
    private Buffer sessionQuery;  // one session's rows of a batch, for its self-attention (see sessionQuery)
    private Buffer sessionOutput;

    Work(Backend b, int rows, int d, int ffn) {
        this(b, rows, d, ffn, false);
    }

    private Work(Backend b, int rows, int d, int ffn, boolean attnInMlp) {
        this.rows = rows;
        this.h = b.allocate(rows, d, BufferType.F32);
        this.q = b.allocate(rows, d, BufferType.F32);
        this.k = b.allocate(rows, d, BufferType.F32);
        this.v = b.allocate(rows, d, BufferType.F32);
        if (attnInMlp && ffn >= d) {
            this.mlp = b.allocate(rows, ffn, BufferType.F32);
            this.attn = b.view(mlp, rows, d);
        } else {
            this.attn = b.allocate(rows, d, BufferType.F32);
            this.mlp = b.allocate(rows, ffn, BufferType.F32);
        }
    }

    /** A work whose {@code attn} is a view of {@code mlp} (where {@code ffn ≥ d}): for the encoder's long passes. */
    static Work sharingMlp(Backend b, int rows, int d, int ffn) {
        return new Work(b, rows, d, ffn, true);
    }

    /**
     * {@code [n, d]} for one session's query rows of a batched pass, copied out since attention takes
     * whole buffers; kept while {@code n} repeats (one token per session every step), as is
     * {@link #sessionOutput}.
     */
    Buffer sessionQuery(Backend b, int n) {
        if (sessionQuery == null || sessionQuery.rows() != n) {
            sessionQuery = b.allocate(n, q.cols(), BufferType.F32);
        }
        return sessionQuery;
    }

    /** {@code [n, d]} for one session's attention output in a batched pass (see {@link #sessionQuery}). */
    Buffer sessionOutput(Backend b, int n) {
        if (sessionOutput == null || sessionOutput.rows() != n) {
            sessionOutput = b.allocate(n, attn.cols(), BufferType.F32);
        }
        return sessionOutput;
    }
}

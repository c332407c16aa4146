package io.github.asr4j.kernels;

/**
 * Which keys each query of an {@link Backend#attention} call sees. Query row {@code i} sits at
 * position {@code past + i}; keys are positions {@code 0 .. nkv-1}.
 *
 * @param kind   full, causal or block-diagonal windows
 * @param past   positions before the first query (causal and windowed)
 * @param window positions per window (windowed only; 0 otherwise)
 */
public record AttentionMask(Kind kind, int past, int window) {

    public enum Kind {
        /** Every query sees all {@code nkv} keys. */
        FULL,
        /** Query at position p sees keys {@code 0 .. p}. */
        CAUSAL,
        /** Query at position p sees the keys of its own window: {@code [p - p % window, p - p % window + window)}, cut at nkv. */
        WINDOWED
    }

    private static final AttentionMask FULL_MASK = new AttentionMask(Kind.FULL, 0, 0);

    public AttentionMask {
        java.util.Objects.requireNonNull(kind, "kind");
        if (past < 0) {
            throw new IllegalArgumentException("attention mask: past must be >= 0, got " + past);
        }
        if (kind == Kind.WINDOWED ? window < 1 : window != 0) {
            throw new IllegalArgumentException("attention mask: window " + window + " does not fit kind " + kind);
        }
    }

    public static AttentionMask full() {
        return FULL_MASK;
    }

    /** Causal, the queries at positions {@code past ..}. */
    public static AttentionMask causal(int past) {
        return new AttentionMask(Kind.CAUSAL, past, 0);
    }

    /** Block-diagonal windows of {@code window} positions, the queries at positions {@code past ..}. */
    public static AttentionMask windowed(int window, int past) {
        return new AttentionMask(Kind.WINDOWED, past, window);
    }

    /** The first key query row {@code i} sees. */
    public int firstKey(int i) {
        return kind == Kind.WINDOWED ? (past + i) - (past + i) % window : 0;
    }

    /** One past the last key query row {@code i} sees, of {@code nkv}. */
    public int endKey(int i, int nkv) {
        return switch (kind) {
            case FULL -> nkv;
            case CAUSAL -> Math.min(nkv, past + i + 1);
            case WINDOWED -> Math.min(nkv, firstKey(i) + window);
        };
    }
}

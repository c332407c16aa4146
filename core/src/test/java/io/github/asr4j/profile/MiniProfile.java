package io.github.asr4j.profile;

import io.github.asr4j.model.DecoderSession;

/** One profiled window on {@code mini}: an encoder pass, the cross-attention projection, the 4-token prompt and 2 single-token steps. */
final class MiniProfile {
    static final int[] NEXT = {400, 1000};

    private static Profile profile;

    private MiniProfile() {}

    static synchronized Profile get() {
        if (profile == null) {
            Mini mini = Mini.get();
            RecordingProfiler p = Profiler.recording();
            try (Span window = p.begin("window 0", SpanLevel.WINDOW)) {
                float[] audio = mini.model.encode(mini.mel, p);
                DecoderSession s = mini.model.newSession(audio, p);
                s.step(Mini.PROMPT);
                for (int token : NEXT) {
                    s.step(new int[] {token});
                }
            }
            profile = p.snapshot();
        }
        return profile;
    }
}

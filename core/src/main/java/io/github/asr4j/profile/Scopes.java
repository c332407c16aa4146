package io.github.asr4j.profile;

/**
 * The one hook a forward pass has for observers: named scopes around a pass (an encoder pass, a
 * decoder step), a layer, and a block of ops within a layer ({@code self_attn}, {@code mlp}).
 * {@link #NONE} opens nothing; {@link ProfilingBackend} turns passes and layers into profile spans
 * and names the ops it times after their block.
 */
public interface Scopes {

    /** Opens no scope; every method returns one shared no-op span. */
    Scopes NONE = new Scopes() {
        @Override
        public Span pass(String name) {
            return NoOpProfiler.INSTANCE;
        }

        @Override
        public Span layer(String name) {
            return NoOpProfiler.INSTANCE;
        }

        @Override
        public Span block(String name) {
            return NoOpProfiler.INSTANCE;
        }
    };

    Span pass(String name);

    Span layer(String name);

    /** A group of ops within a layer; ops inside are named {@code name.op}. */
    Span block(String name);
}

package io.github.asr4j.kernels.cpu;

import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.Reductions;

/**
 * The CPU module's {@link Reductions} service: the Vector API ones where the JVM has
 * {@code jdk.incubator.vector}, the plain ones otherwise (the same bits either way).
 */
public final class CpuReductions implements Reductions {
    /** Named, not referenced, so the fallback path never loads a class that needs the module. */
    private static final String VECTOR = "io.github.asr4j.kernels.cpu.VectorReductions";

    private final Reductions impl;

    /** Chooses the implementation (ServiceLoader calls this). */
    public CpuReductions() {
        this.impl = Backends.vectorModulePresent() ? vector() : Reductions.plain();
    }

    private static Reductions vector() {
        try {
            return (Reductions) Class.forName(VECTOR).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return Reductions.plain();
        }
    }

    @Override
    public float max(float[] x, int from, int to) {
        return impl.max(x, from, to);
    }

    @Override
    public int argmax(float[] x, int from, int to) {
        return impl.argmax(x, from, to);
    }

    @Override
    public int firstAbove(float[] x, int from, int to, float threshold) {
        return impl.firstAbove(x, from, to, threshold);
    }

    @Override
    public double logSumExp(float[] x, int from, int to) {
        return impl.logSumExp(x, from, to);
    }

    @Override
    public double sumExp(float[] x, int from, int to, double scale) {
        return impl.sumExp(x, from, to, scale);
    }

    @Override
    public int searchSumExp(float[] x, int from, int to, double scale, double target) {
        return impl.searchSumExp(x, from, to, scale, target);
    }

    @Override
    public String toString() {
        return impl == Reductions.plain() ? "plain" : "vector";
    }
}

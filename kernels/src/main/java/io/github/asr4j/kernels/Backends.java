package io.github.asr4j.kernels;

import io.github.asr4j.kernels.cpu.ScalarBackend;
import java.lang.reflect.InvocationTargetException;

/**
 * Creates compute backends. {@link #cpu()} picks the Vector API backend when the JVM was started
 * with {@code --add-modules jdk.incubator.vector}, and the plain-Java one otherwise.
 */
public final class Backends {
    private static final System.Logger LOG = System.getLogger(Backends.class.getName());
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    /** Named, not referenced, so the fallback path never loads a class that needs the module. */
    private static final String VECTOR_BACKEND = "io.github.asr4j.kernels.cpu.VectorBackend";

    private Backends() {}

    /** The best CPU backend, with one worker per available processor. */
    /**
     * Kernel threads allowed per available core: the workers spin while they wait, so threads
     * beyond the cores only slow a run down, and thousands of them stall the machine.
     */
    public static final int THREADS_PER_CORE = 4;

    /** The most kernel threads on this machine: {@value #THREADS_PER_CORE} per available core. */
    public static int maxThreads() {
        return THREADS_PER_CORE * Runtime.getRuntime().availableProcessors();
    }

    public static Backend cpu() {
        return cpu(Runtime.getRuntime().availableProcessors());
    }

    /** The best CPU backend with {@code threads} workers. */
    public static Backend cpu(int threads) {
        return cpu(threads, WeightFormat.STORED);
    }

    /**
     * The best CPU backend with {@code threads} workers, keeping weight matrices in {@code format}
     * ({@link WeightFormat#INT8} quantizes F32/F16/BF16 weights when {@link Backend#matrix} binds them).
     */
    public static Backend cpu(int threads, WeightFormat format) {
        java.util.Objects.requireNonNull(format, "format");
        if (threads < 1 || threads > maxThreads()) {
            throw new IllegalArgumentException("threads must be between 1 and " + maxThreads() + " (" + THREADS_PER_CORE
                    + " per available core), got " + threads);
        }
        String why;
        if (vectorModulePresent()) {
            try {
                Backend b = vector(threads, format);
                LOG.log(System.Logger.Level.INFO, "using " + b.name() + ": module " + VECTOR_MODULE + " is present");
                return b;
            } catch (RuntimeException | LinkageError e) {
                why = "module " + VECTOR_MODULE + " is present but unusable here (" + e + ")";
            }
        } else {
            why = "module " + VECTOR_MODULE + " is not in the boot layer (start the JVM with --add-modules "
                    + VECTOR_MODULE + " for SIMD kernels)";
        }
        Backend b = scalar(threads, format);
        LOG.log(System.Logger.Level.INFO, "using " + b.name() + ": " + why);
        return b;
    }

    /** Whether the Vector API module is available to this JVM. */
    public static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /** The plain-Java backend. */
    public static Backend scalar(int threads) {
        return scalar(threads, WeightFormat.STORED);
    }

    /** The plain-Java backend keeping weight matrices in {@code format}. */
    public static Backend scalar(int threads, WeightFormat format) {
        return new ScalarBackend(threads, format);
    }

    /**
     * The Vector API backend.
     *
     * @throws IllegalStateException when the module {@code jdk.incubator.vector} is absent
     */
    public static Backend vector(int threads) {
        return vector(threads, WeightFormat.STORED);
    }

    /**
     * The Vector API backend keeping weight matrices in {@code format}.
     *
     * @throws IllegalStateException when the module {@code jdk.incubator.vector} is absent
     */
    public static Backend vector(int threads, WeightFormat format) {
        java.util.Objects.requireNonNull(format, "format");
        if (!vectorModulePresent()) {
            throw new IllegalStateException("the vector backend needs the JVM option --add-modules " + VECTOR_MODULE);
        }
        try {
            return (Backend) Class.forName(VECTOR_BACKEND).getConstructor(int.class, WeightFormat.class).newInstance(threads, format);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("cannot create the vector backend", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create the vector backend", e);
        }
    }
}

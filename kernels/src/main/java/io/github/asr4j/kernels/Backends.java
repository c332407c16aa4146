package io.github.asr4j.kernels;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Creates compute backends through the {@link BackendProvider}s on the class or module path.
 * {@link #best} takes the usable provider with the highest priority; {@link #cpu()} the CPU
 * backend ({@code asr4j-kernels-cpu}: the Vector API kernels when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}, plain Java otherwise).
 */
public final class Backends {
    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    private Backends() {}

    /** Every provider found, in no particular order. */
    public static List<BackendProvider> providers() {
        return ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList();
    }

    /**
     * A backend of the usable provider with the highest priority.
     *
     * @throws IllegalStateException when no provider is usable
     */
    public static Backend best(int threads, WeightFormat format) {
        checkArguments(threads, format);
        List<BackendProvider> all = providers();
        return all.stream().filter(p -> p.unavailableReason() == null)
                .max(Comparator.comparingInt(BackendProvider::priority))
                .orElseThrow(() -> new IllegalStateException(all.isEmpty()
                        ? "no compute backend on the class path: add io.github.asr4j:asr4j-kernels-cpu"
                        : "no usable compute backend: " + all.stream().map(p -> p.name() + " (" + p.unavailableReason() + ")")
                                .collect(Collectors.joining(", "))))
                .create(threads, format);
    }

    /**
     * A backend of the provider called {@code name}.
     *
     * @throws IllegalArgumentException when no provider has that name
     * @throws IllegalStateException when it is not usable in this JVM
     */
    public static Backend named(String name, int threads, WeightFormat format) {
        checkArguments(threads, format);
        List<BackendProvider> all = providers();
        BackendProvider p = all.stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no compute backend named '" + name + "'; found: "
                        + all.stream().map(BackendProvider::name).sorted().collect(Collectors.joining(", "))));
        String why = p.unavailableReason();
        if (why != null) {
            throw new IllegalStateException("the " + name + " backend is not usable here: " + why);
        }
        return p.create(threads, format);
    }

    /**
     * Kernel threads allowed per available core: the workers spin while they wait, so threads
     * beyond the cores only slow a run down, and thousands of them stall the machine.
     */
    public static final int THREADS_PER_CORE = 4;

    /** The most kernel threads on this machine: {@value #THREADS_PER_CORE} per available core. */
    public static int maxThreads() {
        return THREADS_PER_CORE * Runtime.getRuntime().availableProcessors();
    }

    /** The best CPU backend, with one worker per available processor. */
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
        return named("cpu", threads, format);
    }

    /**
     * Weight bytes below which {@link #cpuFor} takes the plain-Java kernels although the Vector API
     * is present: 64 MiB. The Vector API kernels are fast only once the JIT has compiled them
     * (seconds of a cold JVM, in the C2 compiler), and a model this small finishes its whole
     * transcription in about that time, so the warm-up costs more than it saves: the test model
     * {@code mini} (15 MB) finished jfk.wav in 5 s with the plain kernels and in 11.7 s with the
     * vector ones (2026-12-02 probe; docs/notes/2026-12-03b-hostile.md has this session's figures),
     * while {@code tiny-shape} (whisper-tiny's shape, 75 MB as float16) already gains from them.
     * Override with the system property {@value #VECTOR_MIN_BYTES_PROPERTY} (bytes).
     */
    public static final long VECTOR_MIN_WEIGHT_BYTES = 64L << 20;
    /** System property overriding {@link #VECTOR_MIN_WEIGHT_BYTES}; 0 always takes the vector kernels. */
    public static final String VECTOR_MIN_BYTES_PROPERTY = "asr4j.vector.minWeightBytes";

    /**
     * The CPU backend for a model of {@code weightBytes} bytes of weights: the plain-Java kernels
     * below {@link #VECTOR_MIN_WEIGHT_BYTES} (where the Vector API's JIT warm-up would cost more
     * than it saves), {@link #cpu(int, WeightFormat)} otherwise.
     *
     * @throws IllegalArgumentException when the system property {@value #VECTOR_MIN_BYTES_PROPERTY} is not a
     *     non-negative number
     */
    public static Backend cpuFor(long weightBytes, int threads, WeightFormat format) {
        long min = vectorMinWeightBytes();
        if (weightBytes >= min || !vectorModulePresent()) {
            return cpu(threads, format);
        }
        Backend b = scalar(threads, format);
        System.getLogger(Backends.class.getName()).log(System.Logger.Level.INFO, "using " + b.name() + ": the model's "
                + weightBytes + " bytes of weights are below " + VECTOR_MIN_BYTES_PROPERTY + " = " + min
                + ", where the vector kernels' warm-up costs more than it saves");
        return b;
    }

    /** {@link #VECTOR_MIN_WEIGHT_BYTES}, or the value of {@value #VECTOR_MIN_BYTES_PROPERTY} when set. */
    public static long vectorMinWeightBytes() {
        String v = System.getProperty(VECTOR_MIN_BYTES_PROPERTY);
        if (v == null || v.isBlank()) {
            return VECTOR_MIN_WEIGHT_BYTES;
        }
        try {
            long bytes = Long.parseLong(v.strip());
            if (bytes >= 0) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("system property " + VECTOR_MIN_BYTES_PROPERTY
                + " must be a non-negative number of bytes, got '" + v + "'");
    }

    /** Whether the Vector API module is available to this JVM. */
    public static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /** The plain-Java CPU backend. */
    public static Backend scalar(int threads) {
        return scalar(threads, WeightFormat.STORED);
    }

    /** The plain-Java CPU backend keeping weight matrices in {@code format}. */
    public static Backend scalar(int threads, WeightFormat format) {
        return named("cpu-scalar", threads, format);
    }

    /**
     * The Vector API CPU backend.
     *
     * @throws IllegalStateException when the module {@code jdk.incubator.vector} is absent
     */
    public static Backend vector(int threads) {
        return vector(threads, WeightFormat.STORED);
    }

    /**
     * The Vector API CPU backend keeping weight matrices in {@code format}.
     *
     * @throws IllegalStateException when the module {@code jdk.incubator.vector} is absent
     */
    public static Backend vector(int threads, WeightFormat format) {
        return named("cpu-vector", threads, format);
    }

    private static void checkArguments(int threads, WeightFormat format) {
        Objects.requireNonNull(format, "format");
        if (threads < 1 || threads > maxThreads()) {
            throw new IllegalArgumentException("threads must be between 1 and " + maxThreads() + " (" + THREADS_PER_CORE
                    + " per available core), got " + threads);
        }
    }
}

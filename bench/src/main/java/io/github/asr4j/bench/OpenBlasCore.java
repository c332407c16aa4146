package io.github.asr4j.bench;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel set a dynamically dispatched OpenBLAS chose, as it prints it with {@code OPENBLAS_VERBOSE=2}
 * ({@code Core: SkylakeX}). An OpenBLAS older than the CPU does not know its model and falls back to a generic
 * SSE kernel set (seen: Debian 12's 0.3.21 on a Xeon of model 207 chose {@code Prescott}, and the Qwen3-ASR C port
 * ran 1.7× slower than with {@code OPENBLAS_CORETYPE=SkylakeX}); a comparison against that is not one against
 * the strongest build.
 */
record OpenBlasCore(String name) {
    /** The environment variable that makes OpenBLAS print the kernel set it chose. */
    static final String VERBOSE = "OPENBLAS_VERBOSE";
    /** The environment variable that overrides OpenBLAS's choice. */
    static final String OVERRIDE = "OPENBLAS_CORETYPE";

    private static final Pattern CORE = Pattern.compile("^Core: (\\S+)\\s*$", Pattern.MULTILINE);
    /** Kernel sets without AVX: OpenBLAS's fallbacks for a CPU it does not recognise. */
    private static final Set<String> PRE_AVX = Set.of("Katmai", "Coppermine", "Northwood", "Prescott", "Banias",
            "Core2", "Penryn", "Dunnington", "Nehalem", "Atom", "Opteron", "Opteron_SSE3", "Barcelona", "Nano");

    /** The core named in a program's output, if its OpenBLAS printed one. */
    static Optional<OpenBlasCore> parse(String output) {
        Matcher m = CORE.matcher(output);
        return m.find() ? Optional.of(new OpenBlasCore(m.group(1))) : Optional.empty();
    }

    /** Whether this is a kernel set without AVX, which an AVX machine gets only when OpenBLAS does not know it. */
    boolean preAvx() {
        return PRE_AVX.contains(name);
    }

    /** A line for the report when the core is a fallback, naming the override. */
    String warning() {
        return "the C port's OpenBLAS chose its " + name + " kernels (no AVX): it does not know this CPU; rerun with "
                + OVERRIDE + " set to this CPU's family (SkylakeX for an AVX-512 Intel, Haswell for AVX2, Zen for AMD)"
                + " for the strongest anchor";
    }
}

package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.loader.DType;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/**
 * The F16 quad kernels' C2 code must not box their accumulators whatever the JVM's call-site profiles hold. About one
 * fresh JVM in eight used to allocate ~9 MB or ~49 MB a five-beam decoder step for its whole life: one compile of
 * {@code dots5QuadF16} or {@code quadPassF16} had dispatched one accumulator's {@code intoArray} (its {@code length()}
 * and {@code vspecies()}) on the profile of those JDK call sites, which the half-width float species' kernels make
 * bimorphic, where C2 otherwise speculates the exact type (2026-12-07h-box note). A child JVM with C2's type
 * speculation off ({@code -XX:-UseTypeSpeculation}) takes the profile at every such site, so it reproduces that
 * compile every time: main's kernels allocated 229 MB a five-beam step there. Its profile of {@code intoArray} is
 * made bimorphic here the way the decoder's is, its compiles are synchronous ({@code -Xbatch}), and the heap the
 * calling thread allocates per five-row product, once the kernels are C2 code, must stay far below one box per FMA.
 */
class QuadKernelsUnboxedTest {

    /** Per five-row product, after warm-up; a boxing compile allocates ~100 bytes per FMA (~20 KB a call here). */
    private static final long MAX_BYTES_PER_CALL = 2048;

    @Test
    void quadKernelsDoNotBoxWithoutTypeSpeculation() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--add-modules=jdk.incubator.vector",
                "-XX:-UseTypeSpeculation", "-Xbatch", "-XX:-BackgroundCompilation"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:UseAVX=") || a.startsWith("-XX:MaxVectorSize=")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        boolean done;
        try {
            output = new String(p.getInputStream().readAllBytes());
            done = p.waitFor(240, TimeUnit.SECONDS);
        } finally {
            p.destroyForcibly();
        }
        assertThat(done).as("the probe ends in time").isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        List<String> lines = output.lines().filter(l -> l.startsWith("bytes per call ")).toList();
        assertThat(lines).as(output).hasSize(2); // the whole-row kernel and the parts kernel
        System.out.println(String.join("; ", lines));
        List<Long> bytes = lines.stream().map(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).toList();
        assertThat(bytes).as(String.join("; ", lines)).allMatch(b -> b < MAX_BYTES_PER_CALL);
    }

    /**
     * Makes {@code FloatVector.intoArray}'s profile hold a second vector class, then runs five-row products on F16
     * matrices whose rows the quads take (whole: {@code dots5QuadF16}; cut into parts: {@code quadPassF16}) on one
     * thread until they are C2 code, and prints the heap the calling thread allocated per product.
     */
    public static final class Probe {
        public static void main(String[] args) {
            VectorSpecies<Float> half = VectorSpecies.of(float.class,
                    VectorShape.forBitSize(Math.max(64, VectorWiden.F.vectorBitSize() / 2)));
            float[] buf = new float[half.length()];
            for (int i = 0; i < 20_000; i++) {
                FloatVector.broadcast(half, i).intoArray(buf, 0);
            }
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            Random rnd = new Random(7);
            int lanes = VectorWiden.F.length();
            int rows = 16;
            try (CpuBackend b = (CpuBackend) Backends.vector(1)) {
                for (int in : new int[] {8 * lanes, 2 * RowParts.PART + 2 * lanes}) {
                    Backend.Matrix m = b.matrix(TestData.tensor("w", DType.F16, TestData.random(rnd, rows * in, 0.1f), rows, in));
                    if (!((WeightMatrix) m).quads(5)) {
                        throw new AssertionError("the quads do not take rows of " + in);
                    }
                    float[] x = TestData.random(rnd, 5 * in, 1f);
                    float[] y = new float[5 * rows];
                    for (int i = 0; i < 20_000; i++) {
                        b.linear(x, 5, m, null, y);
                    }
                    int calls = 2_000;
                    long before = threads.getCurrentThreadAllocatedBytes();
                    for (int i = 0; i < calls; i++) {
                        b.linear(x, 5, m, null, y);
                    }
                    long bytes = (threads.getCurrentThreadAllocatedBytes() - before) / calls;
                    System.out.println("bytes per call " + in + " columns " + bytes);
                }
            }
        }
    }
}

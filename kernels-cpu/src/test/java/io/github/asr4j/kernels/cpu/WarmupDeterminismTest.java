package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.Tensor;
import java.lang.foreign.Arena;
import java.lang.management.ManagementFactory;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Vector API's own Java code (what the interpreter runs before the JIT compiles a kernel) and
 * HotSpot's intrinsics must give the same bits: otherwise the first transcription in a JVM
 * differs from later ones. A child JVM under {@code -Xint} never compiles anything; this JVM
 * repeats the kernels until they are compiled. Both print a digest of the results.
 */
class WarmupDeterminismTest {

    @Test
    void interpretedAndCompiledKernelsGiveTheSameBits() throws Exception {
        String warm = "";
        for (int i = 0; i < 3000; i++) {
            warm = Probe.digest();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xint", "--add-modules=jdk.incubator.vector"));
        command.addAll(vectorWidthFlags());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("digest=" + warm);
    }

    /**
     * This JVM's flags that set the vector width (e.g. {@code -XX:UseAVX=2}, as a run of the suite at
     * 8 lanes passes): the child must pick the same preferred species, or the digests differ by design.
     */
    private static List<String> vectorWidthFlags() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:UseAVX=") || a.startsWith("-XX:MaxVectorSize=") || a.startsWith("-XX:UseSSE="))
                .toList();
    }

    /**
     * Runs linear (F32 and F16 weights), attention, softmax, GELU and the reductions on fixed inputs and
     * prints their bits' hash.
     */
    public static final class Probe {
        public static void main(String[] args) {
            System.out.println("digest=" + digest());
        }

        static String digest() {
            int n = 3;
            int in = 70;
            int out = 37;
            SplittableRandom rnd = new SplittableRandom(7);
            float[] x = new float[n * in];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rnd.nextDouble(-1, 1);
            }
            float[] w = new float[out * in];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) rnd.nextDouble(-1, 1);
            }
            float[] q = Arrays.copyOf(x, n * 64);
            try (CpuBackend b = (CpuBackend) Backends.vector(1); Arena arena = Arena.ofConfined()) {
                float[] y32 = new float[n * out];
                float[] y16 = new float[n * out];
                b.linear(x, n, b.matrix(tensor(arena, w, out, in, DType.F32)), null, y32);
                b.linear(x, n, b.matrix(tensor(arena, w, out, in, DType.F16)), null, y16);
                float[] attn = new float[n * 64];
                b.attention(q, n, w, w, 30, 2, 32, false, 0, attn);
                // enough queries for the blocked attention path, with a causal mask
                float[] q8 = Arrays.copyOf(w, 8 * 64);
                float[] attn8 = new float[8 * 64];
                b.attention(q8, 8, w, w, 30, 2, 32, true, 22, attn8);
                float[] soft = Arrays.copyOf(w, 2 * 70);
                b.softmax(soft, 2, 70);
                float[] gelu = Arrays.copyOf(x, x.length);
                b.gelu(gelu, gelu.length);
                float[] y8 = new float[n * out];
                try (CpuBackend int8 = (CpuBackend) Backends.vector(1, io.github.asr4j.kernels.WeightFormat.INT8)) {
                    Backend.Matrix m = int8.matrix(tensor(arena, w, out, in, DType.F32));
                    int8.linear(x, n, m, null, y8);
                    int8.linear(x, 1, m, null, y8);   // the matrix-vector kernel, over the first row
                }
                // the decoders' reductions over a logits-like row, with a tail past the last full register
                float[] row = new float[1003];
                for (int i = 0; i < row.length; i++) {
                    row[i] = (float) rnd.nextGaussian(-2, 4);
                }
                row[5] = Float.NEGATIVE_INFINITY;
                VectorReductions r = new VectorReductions();
                String reductions = Long.toHexString(Double.doubleToRawLongBits(r.logSumExp(row, 1, row.length)))
                        + Long.toHexString(Double.doubleToRawLongBits(r.logSumExp(row, 700, 1001)))
                        + Integer.toHexString(Float.floatToRawIntBits(r.max(row, 0, row.length))) + r.argmax(row, 0, row.length)
                        // a temperature draw's total and the index at ~0.37 of it
                        + Long.toHexString(Double.doubleToRawLongBits(r.sumExp(row, 1, row.length, 1 / 0.6)))
                        + r.searchSumExp(row, 1, row.length, 1 / 0.6, 0.37 * r.sumExp(row, 1, row.length, 1 / 0.6));
                return reductions + Integer.toHexString(Arrays.hashCode(y32)) + Integer.toHexString(Arrays.hashCode(y16))
                        + Integer.toHexString(Arrays.hashCode(attn)) + Integer.toHexString(Arrays.hashCode(attn8))
                        + Integer.toHexString(Arrays.hashCode(soft)) + Integer.toHexString(Arrays.hashCode(gelu))
                        + Integer.toHexString(Arrays.hashCode(y8));
            }
        }

        private static Tensor tensor(Arena arena, float[] values, int rows, int cols, DType dtype) {
            MemorySegment seg = arena.allocate((long) values.length * dtype.byteSize());
            for (int i = 0; i < values.length; i++) {
                if (dtype == DType.F32) {
                    seg.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), i, values[i]);
                } else {
                    seg.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), i,
                            Float.floatToFloat16(values[i]));
                }
            }
            return new Tensor("w", dtype, new long[] {rows, cols}, seg);
        }
    }
}

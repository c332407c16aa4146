package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.asr4j.loader.DType;
import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.loader.SafeTensorsWriter;
import io.github.asr4j.loader.Tensor;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class F16NormalsTest {

    /** The copies on, whatever this machine's FMA does with subnormals (their results are the same either way). */
    @org.junit.jupiter.api.BeforeAll
    static void copiesOn() {
        System.setProperty(F16Normals.PROPERTY, "true");
    }

    @org.junit.jupiter.api.AfterAll
    static void copiesByMachine() {
        System.clearProperty(F16Normals.PROPERTY);
    }

    @Test
    void copiesCanBeTurnedOff() {
        float[] values = TestData.random(new Random(54), 4 * 768, 1e-4f); // most halves subnormal
        System.setProperty(F16Normals.PROPERTY, "false");
        try (CpuBackend b = TestData.Kind.VECTOR.create(1)) {
            WeightMatrix m = (WeightMatrix) b.matrix(TestData.tensor("w", DType.F16, values, 4, 768));
            assertThat(m.pairInputScale()).isEqualTo(0x1p112f);
        } finally {
            System.setProperty(F16Normals.PROPERTY, "true");
        }
    }

    /** The kernels' decode of a half (or code): sign-extended, shifted by 13, masked. */
    private static float decode(int bits16) {
        return Float.intBitsToFloat(((short) bits16 << 13) & 0x8FFFE000);
    }

    @Test
    void everyFiniteHalfBelow128DecodesToItsValueTimes2ToTheMinus102AsANormalFloat() {
        for (int h = 0; h < 0x10000; h++) {
            float w = Float.float16ToFloat((short) h);
            int code = F16Normals.code((short) h);
            if (!Float.isFinite(w) || Math.abs(w) >= 128f) {
                assertThat(code).as("half %04x", h).isEqualTo(-1);
                continue;
            }
            float decoded = decode(code);
            assertThat(Float.floatToRawIntBits(decoded)).as("half %04x", h)
                    .isEqualTo(Float.floatToRawIntBits(w * 0x1p-102f));
            assertThat(decoded == 0f || Math.abs(decoded) >= Float.MIN_NORMAL).as("half %04x normal", h).isTrue();
        }
    }

    /**
     * Few-row products of re-encoded matrices (a seventh of the halves subnormal; rows of 768 and 3,072 for the
     * pair kernels, the parts and the one-row kernel): every output keeps the bits of {@code dot} on the halves,
     * for 1, 5, 6 and 16 input rows, inputs up to 2²⁰ (scaled) and 2³⁰ (the unscaled path), 1 and 2 threads.
     */
    @Test
    void fewRowProductsOfReencodedMatricesEqualTheirDots() {
        Random rnd = new Random(51);
        int out = 37;
        for (int in : new int[] {768, 3072}) {
            float[] values = TestData.random(rnd, out * in, 0.1f);
            for (int i = 0; i < values.length; i += 7) {
                values[i] *= 1e-4f; // halves below 2^-14: subnormal
            }
            Tensor w = TestData.tensor("w", DType.F16, values, out, in);
            for (int threads : new int[] {1, 2}) {
                try (CpuBackend b = TestData.Kind.VECTOR.create(threads)) {
                    WeightMatrix m = (WeightMatrix) b.matrix(w);
                    for (int n : new int[] {1, 5, 6, 16}) {
                        for (float big : new float[] {1f, 0x1p20f, 0x1p30f}) {
                            float[] x = TestData.random(rnd, n * in, 1f);
                            x[n * in / 2] = big;
                            float[] y = new float[n * out];
                            b.linear(x, n, m, null, y);
                            float[] alone = new float[n * out];
                            for (int i = 0; i < n; i++) {
                                for (int o = 0; o < out; o++) {
                                    alone[i * out + o] = m.dot(x, i * in, o);
                                }
                            }
                            assertThat(TestData.bitsDiffer(alone, y))
                                    .as("F16 [%d, %d], %d rows, input %s, %d threads", out, in, n, big, threads).isZero();
                        }
                    }
                    assertThat(m.pairInputScale()).isEqualTo(F16Normals.SCALE);
                    assertThat(m.rowInputScale()).isEqualTo(F16Normals.SCALE);
                }
            }
        }
    }

    /** A seventh of the values below 2⁻¹⁴, so their halves are subnormal and a copy is made. */
    private static float[] valuesWithSubnormalHalves(Random rnd, int n) {
        float[] values = TestData.random(rnd, n, 0.1f);
        for (int i = 0; i < values.length; i += 7) {
            values[i] *= 1e-4f;
        }
        return values;
    }

    /** Every product and widening of {@code m} against {@code ref} (the same values, kept as halves), bit for bit. */
    private static void assertSameAsHalves(CpuBackend b, WeightMatrix m, CpuBackend refBackend, WeightMatrix ref, Random rnd,
                                           String what) {
        int out = m.rows();
        int in = m.cols();
        for (int n = 1; n <= 17; n++) {
            for (float big : new float[] {1f, 0x1p30f}) { // 2^30: the unscaled kernels (dots4, dots5, dots8)
                float[] x = TestData.random(rnd, n * in, 1f);
                x[n * in / 2] = big;
                float[] y = new float[n * out];
                float[] expected = new float[n * out];
                b.linear(x, n, m, null, y);
                refBackend.linear(x, n, ref, null, expected);
                assertThat(TestData.bitsDiffer(expected, y)).as("%s: %d rows, input %s", what, n, big).isZero();
            }
        }
        float[] row = new float[in];
        float[] refRow = new float[in];
        for (int r = 0; r < out; r++) {
            m.row(r, row, 0);
            ref.row(r, refRow, 0);
            assertThat(TestData.bitsDiffer(refRow, row)).as("%s: row %d widened", what, r).isZero();
        }
        float[] part = new float[19];
        m.widen(3, 5, 19, part, 0); // a widening with a scalar tail
        float[] refPart = new float[19];
        ref.widen(3, 5, 19, refPart, 0);
        assertThat(TestData.bitsDiffer(refPart, part)).as("%s: a part of row 3 widened", what).isZero();
    }

    /**
     * Once a matrix is re-encoded, every kernel (one row, 2-17 rows, unscaled inputs, widening) reads the copy:
     * its results keep the bits of the halves' kernels even after the halves themselves are overwritten with NaNs.
     * That is what lets a mapped file's pages leave the resident set.
     */
    @Test
    void onceReencodedNoKernelReadsTheHalves() {
        Random rnd = new Random(55);
        int out = 29;
        int in = 768;
        float[] values = valuesWithSubnormalHalves(rnd, out * in);
        Tensor halves = TestData.tensor("ref", DType.F16, values, out, in);
        Tensor copied = TestData.tensor("w", DType.F16, values, out, in);
        System.setProperty(F16Normals.PROPERTY, "false");
        try (CpuBackend refBackend = TestData.Kind.VECTOR.create(2); CpuBackend b = TestData.Kind.VECTOR.create(2)) {
            WeightMatrix ref = (WeightMatrix) refBackend.matrix(halves);
            assertThat(ref.rowInputScale()).isEqualTo(0x1p112f);
            System.setProperty(F16Normals.PROPERTY, "true");
            WeightMatrix m = (WeightMatrix) b.matrix(copied);
            assertThat(m.rowInputScale()).isEqualTo(F16Normals.SCALE);
            copied.data().fill((byte) 0xFF); // every half a NaN
            assertSameAsHalves(b, m, refBackend, ref, rnd, "halves overwritten");
        } finally {
            System.setProperty(F16Normals.PROPERTY, "true");
        }
    }

    /** A matrix mapped from a file (1 MB and more: unloaded in two parts): re-encoding unloads its pages, and its products keep their bits. */
    @Test
    void aMappedMatrixReencodedKeepsItsResults(@TempDir Path dir) {
        Random rnd = new Random(56);
        int out = 700;
        int in = 768;
        float[] values = valuesWithSubnormalHalves(rnd, out * in);
        Path file = dir.resolve("w.safetensors");
        SafeTensorsWriter.create(file).addFloats("w", new long[] {out, in}, values, DType.F16).write();
        Tensor halves = TestData.tensor("ref", DType.F16, values, out, in);
        System.setProperty(F16Normals.PROPERTY, "false");
        try (SafeTensors mapped = SafeTensors.open(file); CpuBackend refBackend = TestData.Kind.VECTOR.create(1);
             CpuBackend b = TestData.Kind.VECTOR.create(1)) {
            WeightMatrix ref = (WeightMatrix) refBackend.matrix(halves);
            assertThat(ref.rowInputScale()).isEqualTo(0x1p112f);
            System.setProperty(F16Normals.PROPERTY, "true");
            Tensor w = mapped.tensor("w");
            assertThat(w.data().isMapped()).isTrue();
            WeightMatrix m = (WeightMatrix) b.matrix(w);
            assertThat(m.rowInputScale()).isEqualTo(F16Normals.SCALE);
            assertSameAsHalves(b, m, refBackend, ref, rnd, "mapped");
        } finally {
            System.setProperty(F16Normals.PROPERTY, "true");
        }
    }

    @Test
    void theUnloadedRangeIsTheWholePagesInsideTheMatrix() {
        long page = F16Normals.PAGE;
        assertThat(F16Normals.innerPageStart(3 * page, 0)).isZero();
        assertThat(F16Normals.innerPageStart(3 * page + 100, 0)).isEqualTo(page - 100);
        assertThat(F16Normals.innerPageStart(3 * page + 100, page - 100)).isEqualTo(page - 100);
        assertThat(F16Normals.innerPageStart(3 * page + 100, page - 99)).isEqualTo(2 * page - 100);
        assertThat(F16Normals.innerPageEnd(3 * page, 2 * page)).isEqualTo(2 * page);
        assertThat(F16Normals.innerPageEnd(3 * page + 100, 2 * page)).isEqualTo(2 * page - 100);
        assertThat(F16Normals.innerPageEnd(3 * page + 100, page - 101)).isEqualTo(-100); // before the start: none
    }

    /**
     * Re-encoding a mapped matrix unmaps its own pages but not a page it shares with a neighbouring tensor (read
     * from {@code /proc/self/pagemap}'s present bits; Linux with 4 KB pages only).
     */
    @Test
    void aMappedMatrixsPagesSharedWithItsNeighboursStayMapped(@TempDir Path dir) throws IOException {
        Path pagemap = Path.of("/proc/self/pagemap");
        Assumptions.assumeTrue(Files.isReadable(pagemap)
                && System.getProperty("os.arch").equals("amd64"), "needs Linux's pagemap and 4 KB pages");
        long page = F16Normals.PAGE;
        long start = 3 * page + 100; // the matrix starts and ends inside pages it shares with its neighbours
        long halves = 20 * page / 2 + 1234;
        short[] bits = new short[(int) halves];
        Random rnd = new Random(57);
        for (int i = 0; i < bits.length; i++) {
            bits[i] = (short) (i % 7 == 0 ? rnd.nextInt(1, 0x400) : 0x3000 | rnd.nextInt(0x400)); // 1 in 7 subnormal
        }
        Path file = dir.resolve("w.bin");
        ByteBuffer bytes = ByteBuffer.allocate((int) (start + 2 * halves + 5 * page))
                .order(ByteOrder.LITTLE_ENDIAN);
        bytes.position((int) start);
        bytes.asShortBuffer().put(bits);
        Files.write(file, bytes.array());
        try (FileChannel channel = FileChannel.open(file); Arena arena = Arena.ofConfined();
             FileChannel map = FileChannel.open(pagemap)) {
            MemorySegment all = channel.map(FileChannel.MapMode.READ_ONLY, 0,
                    channel.size(), arena);
            long pages = all.byteSize() / page;
            for (long p = 0; p < pages; p++) {
                all.get(ValueLayout.JAVA_BYTE, p * page); // every page mapped
            }
            MemorySegment copy = F16Normals.recode(all.asSlice(start, 2 * halves), halves);
            assertThat(copy).isNotNull();
            long first = start / page;
            long last = (start + 2 * halves - 1) / page;
            for (long p = 0; p < pages; p++) {
                boolean inside = p > first && p < last;
                assertThat(mapped(map, all.address() + p * page)).as("page %d (matrix on pages %d-%d)", p, first, last)
                        .isEqualTo(!inside);
            }
        }
    }

    /**
     * Re-encoding a mapped matrix advises its whole pages {@link NoHugePages}: they become a mapping of their own
     * ({@code /proc/self/smaps}: that range, flag {@code nh}), so a neighbour's read cannot map a 2 MB folio over
     * them; and after both neighbours are read again, the matrix's pages are still not mapped.
     */
    @Test
    void aMappedMatrixsPagesBecomeAMappingOfTheirOwnThatItsNeighboursReadsLeaveUnmapped(@TempDir Path dir)
            throws IOException {
        Path pagemap = Path.of("/proc/self/pagemap");
        Assumptions.assumeTrue(Files.isReadable(pagemap) && Files.isReadable(Path.of("/proc/self/smaps"))
                && System.getProperty("os.arch").equals("amd64"), "needs Linux's pagemap and smaps, 4 KB pages");
        assertThat(NoHugePages.available()).as("madvise through FFM (the tests run with native access)").isTrue();
        long page = F16Normals.PAGE;
        long huge = 2L << 20;
        long start = huge - 5 * page + 100; // the matrix crosses a 2 MB boundary, its neighbours on both sides
        long halves = huge / 2 + 1234;
        short[] bits = new short[(int) halves];
        Random rnd = new Random(58);
        for (int i = 0; i < bits.length; i++) {
            bits[i] = (short) (i % 7 == 0 ? rnd.nextInt(1, 0x400) : 0x3000 | rnd.nextInt(0x400)); // 1 in 7 subnormal
        }
        Path file = dir.resolve("w.bin");
        ByteBuffer bytes = ByteBuffer.allocateDirect((int) (3 * huge)).order(ByteOrder.LITTLE_ENDIAN);
        bytes.position((int) start);
        bytes.asShortBuffer().put(bits);
        bytes.clear();
        try (FileChannel write = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (bytes.hasRemaining()) {
                write.write(bytes); // in one call where it can: the page cache may then hold it on 2 MB folios
            }
        }
        try (FileChannel channel = FileChannel.open(file); Arena arena = Arena.ofConfined();
             FileChannel map = FileChannel.open(pagemap)) {
            MemorySegment all = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            long pages = all.byteSize() / page;
            for (long p = 0; p < pages; p++) {
                all.get(ValueLayout.JAVA_BYTE, p * page); // every page mapped
            }
            MemorySegment copy = F16Normals.recode(all.asSlice(start, 2 * halves), halves);
            assertThat(copy).isNotNull();
            long first = start / page;
            long last = (start + 2 * halves - 1) / page;
            long from = all.address() + (first + 1) * page;
            long to = all.address() + last * page;
            assertThat(Files.readAllLines(Path.of("/proc/self/smaps")).stream()
                    .dropWhile(line -> !line.startsWith(Long.toHexString(from) + "-" + Long.toHexString(to) + " "))
                    .skip(1).filter(line -> line.startsWith("VmFlags:")).findFirst())
                    .as("a mapping %x-%x of its own", from, to).hasValueSatisfying(flags -> assertThat(flags).contains(" nh"));
            for (long p = 0; p < pages; p++) {
                if (p <= first || p >= last) {
                    all.get(ValueLayout.JAVA_BYTE, p * page); // the neighbours read again
                }
            }
            for (long p = first + 1; p < last; p++) {
                assertThat(mapped(map, all.address() + p * page)).as("page %d (matrix on pages %d-%d)", p, first, last)
                        .isFalse();
            }
        }
    }

    /** Whether the page at {@code address} of this process is mapped (bit 63 of its pagemap entry). */
    private static boolean mapped(FileChannel pagemap, long address) throws IOException {
        ByteBuffer entry = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        pagemap.read(entry, address / F16Normals.PAGE * 8);
        return entry.getLong(0) < 0;
    }

    @Test
    void aMatrixWithFewSubnormalHalvesKeepsItsHalves() {
        float[] values = TestData.random(new Random(53), 4 * 768, 0.1f);
        for (int i = 0; i < values.length; i++) {
            if (Math.abs(values[i]) < 0x1p-14f) {
                values[i] = 0x1p-14f; // no subnormal half
            }
        }
        values[100] = 1e-5f; // one in 3,072
        try (CpuBackend b = TestData.Kind.VECTOR.create(1)) {
            WeightMatrix m = (WeightMatrix) b.matrix(TestData.tensor("w", DType.F16, values, 4, 768));
            assertThat(m.pairInputScale()).isEqualTo(0x1p112f);
        }
        values[101] = 1e-5f; // two in 3,072
        try (CpuBackend b = TestData.Kind.VECTOR.create(1)) {
            WeightMatrix m = (WeightMatrix) b.matrix(TestData.tensor("w", DType.F16, values, 4, 768));
            assertThat(m.pairInputScale()).isEqualTo(F16Normals.SCALE);
        }
    }

    @Test
    void aMatrixWithAHalfOf128OrMoreKeepsItsHalves() {
        float[] values = TestData.random(new Random(52), 4 * 768, 0.1f);
        values[3 * 768 + 5] = 128f;
        try (CpuBackend b = TestData.Kind.VECTOR.create(1)) {
            WeightMatrix m = (WeightMatrix) b.matrix(TestData.tensor("w", DType.F16, values, 4, 768));
            assertThat(m.pairInputScale()).isEqualTo(0x1p112f);
        }
    }
}

package io.github.asr4j.loader;

import static io.github.asr4j.loader.RawSafeTensors.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every malformed file is refused with a SafeTensorsException naming the file and what is wrong. */
class SafeTensorsValidationTest {
    @TempDir
    Path dir;

    private Path file(String header, int dataBytes) {
        return RawSafeTensors.write(dir.resolve("t.safetensors"), header, new byte[dataBytes]);
    }

    private static AbstractThrowableAssert<?, ?> refused(Path file) {
        return assertThatThrownBy(() -> SafeTensors.open(file).close())
                .isExactlyInstanceOf(SafeTensorsException.class)
                .hasMessageContaining(file.toString())
                .satisfies(e -> assertThat(((SafeTensorsException) e).file()).isEqualTo(file));
    }

    @Test
    void validHandMadeFileOpens() {
        Path f = file("{" + entry("a", "F32", "[2,2]", 0, 16) + "," + entry("b", "I8", "[3]", 16, 19) + "}", 19);
        try (SafeTensors st = SafeTensors.open(f)) {
            assertThat(st.names()).containsExactly("a", "b");
            assertThat(st.tensor("a").shape()).containsExactly(2, 2);
            assertThat(st.tensor("b").dtype()).isEqualTo(DType.I8);
            assertThat(st.metadata()).isEmpty();
            assertThat(st.source()).isEqualTo(f);
        }
    }

    @Test
    void fileShorterThanTheLengthField() throws IOException {
        Path f = Files.write(dir.resolve("short.safetensors"), new byte[5]);
        refused(f).hasMessageContaining("5 bytes, too short for the 8-byte header length");
    }

    @Test
    void emptyFile() throws IOException {
        Path f = Files.write(dir.resolve("empty.safetensors"), new byte[0]);
        refused(f).hasMessageContaining("0 bytes");
    }

    @Test
    void dataShorterThanTheOffsets() {
        Path f = file("{" + entry("w", "F32", "[4]", 0, 16) + "}", 8);
        refused(f).hasMessageContaining("tensor 'w'").hasMessageContaining("beyond the data area of 8 bytes");
    }

    @Test
    void hugeForgedHeaderLength() {
        Path f = RawSafeTensors.write(dir.resolve("huge.safetensors"), 1L << 62, "{}".getBytes(), new byte[0]);
        refused(f).hasMessageContaining("header length 4611686018427387904").hasMessageContaining("exceeds the 2 bytes");
    }

    @Test
    void negativeHeaderLengthIsReportedUnsigned() {
        Path f = RawSafeTensors.write(dir.resolve("neg.safetensors"), -1L, "{}".getBytes(), new byte[0]);
        refused(f).hasMessageContaining("header length 18446744073709551615");
    }

    @Test
    void headerLengthJustBeyondTheFile() {
        Path f = RawSafeTensors.write(dir.resolve("beyond.safetensors"), 3, "{}".getBytes(), new byte[0]);
        refused(f).hasMessageContaining("header length 3").hasMessageContaining("exceeds the 2 bytes");
    }

    @Test
    void headerLengthOverTheSanityBoundInASparseFile() throws IOException {
        Path f = dir.resolve("sparse.safetensors");
        long declared = SafeTensorsHeader.MAX_HEADER_BYTES + 1;
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(declared).array());
            raf.setLength(8 + declared + 16); // sparse: no disk used, nothing read onto the heap
        }
        refused(f).hasMessageContaining("header length " + declared).hasMessageContaining("exceeds the limit");
    }

    @Test
    void malformedJson() {
        // 20 header bytes end mid-object: the parser fails at their end, file offset 8 + 20
        refused(file("{\"w\":{\"dtype\":\"F32\",", 0)).hasMessageContaining("header is not valid JSON (at file offset 28)");
    }

    @Test
    void headerThatIsNotAnObject() {
        refused(file("[1,2,3]", 0)).hasMessageContaining("header is not a JSON object");
    }

    @Test
    void duplicateTensorNames() {
        refused(file("{" + entry("w", "U8", "[1]", 0, 1) + "," + entry("w", "U8", "[1]", 1, 2) + "}", 2))
                .hasMessageContaining("not valid JSON").hasMessageContaining("Duplicate field 'w'");
    }

    @Test
    void unknownDtype() {
        refused(file("{" + entry("w", "F8_E4M3", "[4]", 0, 4) + "}", 4))
                .hasMessageContaining("tensor 'w'").hasMessageContaining("unknown dtype 'F8_E4M3'");
    }

    @Test
    void missingDtype() {
        refused(file("{\"w\":{\"shape\":[1],\"data_offsets\":[0,1]}}", 1))
                .hasMessageContaining("tensor 'w'").hasMessageContaining("'dtype'");
    }

    @Test
    void byteSizeDisagreesWithShapeAndDtype() {
        // four F16 values are 8 bytes; the header claims F32 for them
        refused(file("{" + entry("w", "F32", "[4]", 0, 8) + "}", 8))
                .hasMessageContaining("tensor 'w'").hasMessageContaining("needs 16 bytes but data_offsets [0, 8] hold 8");
    }

    @Test
    void shapeWhoseByteSizeOverflows() {
        refused(file("{" + entry("w", "F32", "[4294967296,4294967296]", 0, 8) + "}", 8))
                .hasMessageContaining("tensor 'w'").hasMessageContaining("more than 2^63");
    }

    @Test
    void offsetsOutOfRange() {
        refused(file("{" + entry("w", "U8", "[1000]", 0, 1000) + "}", 16))
                .hasMessageContaining("data_offsets [0, 1000]").hasMessageContaining("beyond the data area of 16 bytes");
    }

    @Test
    void offsetsBeginAfterEnd() {
        refused(file("{" + entry("w", "U8", "[0]", 8, 4) + "}", 16))
                .hasMessageContaining("tensor 'w'").hasMessageContaining("begin after end");
    }

    @Test
    void negativeOffset() {
        refused(file("{" + entry("w", "U8", "[4]", -4, 0) + "}", 16))
                .hasMessageContaining("'data_offsets' element 0 is -4");
    }

    @Test
    void wrongNumberOfOffsets() {
        refused(file("{\"w\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1,2]}}", 2))
                .hasMessageContaining("'data_offsets' has 3 values, expected 2");
    }

    @Test
    void overlappingOffsets() {
        refused(file("{" + entry("a", "F32", "[4]", 0, 16) + "," + entry("b", "F32", "[2]", 8, 16) + "}", 16))
                .hasMessageContaining("overlap").hasMessageContaining("'a'").hasMessageContaining("'b'");
    }

    @Test
    void overlapIsFoundWhateverTheHeaderOrder() {
        refused(file("{" + entry("late", "U8", "[4]", 6, 10) + "," + entry("early", "U8", "[8]", 0, 8) + "}", 10))
                .hasMessageContaining("'late' data_offsets [6, 10] overlap tensor 'early' [0, 8]");
    }

    @Test
    void emptyTensorsMayShareAnOffset() {
        Path f = file("{" + entry("a", "F32", "[0]", 4, 4) + "," + entry("b", "F32", "[0,3]", 4, 4) + ","
                + entry("c", "F32", "[2]", 0, 8) + "}", 8);
        try (SafeTensors st = SafeTensors.open(f)) {
            assertThat(st.tensor("b").elementCount()).isZero();
            assertThat(st.tensor("c").elementCount()).isEqualTo(2);
        }
    }

    @Test
    void negativeShape() {
        refused(file("{" + entry("w", "U8", "[-1,4]", 0, 4) + "}", 4))
                .hasMessageContaining("tensor 'w'").hasMessageContaining("'shape' element 0 is -1, not a non-negative integer");
    }

    @Test
    void nonIntegerShape() {
        refused(file("{" + entry("w", "U8", "[2.5]", 0, 2) + "}", 4))
                .hasMessageContaining("'shape' element 0 is 2.5");
        refused(file("{" + entry("w", "U8", "[\"4\"]", 0, 4) + "}", 4))
                .hasMessageContaining("'shape' element 0 is \"4\"");
    }

    @Test
    void metadataMustBeStrings() {
        refused(file("{\"__metadata__\":{\"format\":1}}", 0))
                .hasMessageContaining("__metadata__ entry 'format' is not a string");
    }

    @Test
    void metadataIsRead() {
        try (SafeTensors st = SafeTensors.open(file("{\"__metadata__\":{\"format\":\"pt\"}}  ", 0))) {
            assertThat(st.metadata()).containsExactly(java.util.Map.entry("format", "pt"));
            assertThat(st.names()).isEmpty();
        }
    }

    @Test
    void trailingGarbageAfterTheHeaderObject() {
        refused(file("{} {}", 0)).hasMessageContaining("not valid JSON");
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("nope.safetensors");
        refused(f).hasMessageContaining("file not found");
    }

    @Test
    void folderPassedAsFile() {
        assertThatThrownBy(() -> SafeTensors.open(dir)).isInstanceOf(SafeTensorsException.class)
                .hasMessageContaining("is a folder");
    }

    @Test
    void missingTensorNamesFileAndTensor() {
        Path f = file("{" + entry("present", "U8", "[1]", 0, 1) + "}", 1);
        try (SafeTensors st = SafeTensors.open(f)) {
            assertThat(st.find("absent")).isEmpty();
            assertThatThrownBy(() -> st.tensor("absent"))
                    .isInstanceOf(MissingTensorException.class)
                    .hasMessageContaining(f.toString())
                    .hasMessageContaining("no tensor named 'absent'")
                    .satisfies(e -> assertThat(((MissingTensorException) e).tensorName()).isEqualTo("absent"));
        }
    }

    @Test
    void closeIsIdempotentAndInvalidatesTensors() {
        Path f = file("{" + entry("w", "F32", "[2]", 0, 8) + "}", 8);
        SafeTensors st = SafeTensors.open(f);
        Tensor w = st.tensor("w");
        assertThat(w.getFloat(1)).isZero();
        st.close();
        st.close();
        assertThatThrownBy(() -> w.getFloat(0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> st.tensor("w")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}

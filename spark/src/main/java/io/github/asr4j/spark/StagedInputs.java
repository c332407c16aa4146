package io.github.asr4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;

/**
 * One chunk of rows made ready for {@code Transcriber.transcribeAll}, which reads files: a path
 * column is used as it is; a binary column (file bytes, as {@code binaryFile} gives them) is
 * written to a temporary folder that {@link #close} deletes. A row that cannot be staged gets
 * its error here and no file.
 */
final class StagedInputs implements AutoCloseable {
    /** A URI scheme of two or more letters (one letter would be a Windows drive). */
    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]+):");

    private final Path[] files;
    private final String[] errors;
    private Path tempDir;

    private StagedInputs(int size) {
        files = new Path[size];
        errors = new String[size];
    }

    static StagedInputs stage(List<Row> rows, int inputIndex, boolean binary) {
        StagedInputs staged = new StagedInputs(rows.size());
        try {
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                if (row.isNullAt(inputIndex)) {
                    staged.errors[i] = "input is null";
                } else if (binary) {
                    staged.files[i] = staged.write(i, row.<byte[]>getAs(inputIndex));
                } else {
                    staged.stagePath(i, row.getString(inputIndex));
                }
            }
        } catch (RuntimeException e) {
            staged.close();
            throw e;
        }
        return staged;
    }

    /** The file of row {@code i}, or null where {@link #error} says why there is none. */
    Path file(int i) {
        return files[i];
    }

    String error(int i) {
        return errors[i];
    }

    /** The staged files, in row order, for one {@code transcribeAll} call. */
    List<Path> presentFiles() {
        List<Path> present = new ArrayList<>();
        for (Path f : files) {
            if (f != null) {
                present.add(f);
            }
        }
        return present;
    }

    /** {@code message} with a temporary file's name replaced by what the user knows it as. */
    String describe(int i, String message) {
        return tempDir != null && message != null ? message.replace(files[i].toString(), "the bytes of this row") : message;
    }

    private void stagePath(int i, String path) {
        var scheme = SCHEME.matcher(path);
        if (!scheme.find()) {
            files[i] = Path.of(path);
        } else if (scheme.group(1).equalsIgnoreCase("file")) {
            files[i] = Path.of(URI.create(path));
        } else {
            errors[i] = "a path column is read from the executor's local file system; for " + scheme.group(1)
                    + ": paths read the bytes with spark.read.format(\"binaryFile\") and transcribe its content column";
        }
    }

    private Path write(int i, byte[] bytes) {
        try {
            if (tempDir == null) {
                tempDir = Files.createTempDirectory("asr4j-spark-");
            }
            return Files.write(tempDir.resolve(i + ".audio"), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not stage audio bytes in a temporary folder", e);
        }
    }

    @Override
    public void close() {
        if (tempDir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(tempDir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the temporary folder " + tempDir, e);
        }
    }
}

package io.github.asr4j.spark;

import io.github.asr4j.FileTranscript;
import io.github.asr4j.TranscribeOptions;
import io.github.asr4j.Transcriber;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Transcribes one partition on an executor: rows are taken in chunks, each chunk goes through one
 * {@code transcribeAll} call on the executor's shared transcriber (so files share batched decoder
 * passes), and each input row comes out with its transcript struct appended. A file that fails
 * becomes a row whose struct holds only the error.
 *
 * <p>Serialised into every task: it holds the settings, never the transcriber.
 */
final class PartitionTranscriber implements MapPartitionsFunction<Row, Row> {
    /**
     * Rows per {@code transcribeAll} call, in batches: enough that a batch refills while its long
     * files finish, few enough that staged bytes and results of a chunk stay small.
     */
    static final int BATCHES_PER_CHUNK = 4;

    private final TranscriptionSettings settings;
    private final int inputIndex;
    private final boolean binaryInput;

    PartitionTranscriber(TranscriptionSettings settings, int inputIndex, boolean binaryInput) {
        this.settings = settings;
        this.inputIndex = inputIndex;
        this.binaryInput = binaryInput;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        if (!rows.hasNext()) {
            return rows; // an empty partition loads no model
        }
        TaskContext task = TaskContext.get();
        Transcriber transcriber = ExecutorTranscribers.get(settings.key(task == null ? 1 : task.cpus()));
        TranscribeOptions options = settings.options();
        int chunkSize = BATCHES_PER_CHUNK * settings.batchSize();
        return new Iterator<>() {
            private Iterator<Row> done = List.<Row>of().iterator();

            @Override
            public boolean hasNext() {
                if (!done.hasNext() && rows.hasNext()) {
                    List<Row> chunk = new ArrayList<>(chunkSize);
                    while (chunk.size() < chunkSize && rows.hasNext()) {
                        chunk.add(rows.next());
                    }
                    done = transcribe(transcriber, options, chunk).iterator();
                }
                return done.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return done.next();
            }
        };
    }

    private List<Row> transcribe(Transcriber transcriber, TranscribeOptions options, List<Row> chunk) {
        try (StagedInputs staged = StagedInputs.stage(chunk, inputIndex, binaryInput)) {
            Iterator<FileTranscript> results = transcriber.transcribeAll(staged.presentFiles(), options).iterator();
            List<Row> out = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                Row transcript;
                if (staged.file(i) == null) {
                    transcript = TranscriptRows.failure(staged.error(i));
                } else {
                    FileTranscript r = results.next();
                    transcript = r.succeeded() ? TranscriptRows.of(r.transcript())
                            : TranscriptRows.failure(r.error().getClass().getSimpleName() + ": "
                                    + staged.describe(i, r.error().getMessage()));
                }
                out.add(append(chunk.get(i), transcript));
            }
            return out;
        }
    }

    private static Row append(Row row, Row transcript) {
        Object[] values = new Object[row.size() + 1];
        for (int i = 0; i < row.size(); i++) {
            values[i] = row.get(i);
        }
        values[row.size()] = transcript;
        return RowFactory.create(values);
    }
}

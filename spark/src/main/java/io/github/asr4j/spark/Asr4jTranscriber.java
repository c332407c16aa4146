package io.github.asr4j.spark;

import io.github.asr4j.TranscribeOptions;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark ML {@link Transformer}: a column of audio in, a column of transcripts out.
 *
 * <pre>{@code
 * Dataset<Row> audio = spark.read().format("binaryFile").load("recordings/");
 * Dataset<Row> out = new Asr4jTranscriber()
 *         .setModelPath("/models/whisper-small")   // as the executors see it
 *         .setInputCol("content")                  // or a column of local file paths
 *         .setOutputCol("transcript")
 *         .transform(audio);
 * out.select("path", "transcript").write().parquet("transcripts.parquet");
 * }</pre>
 *
 * <p>The input column is a string of file paths (local, or {@code file:} URIs, as executors see
 * them) or binary file bytes (WAV or FLAC, as {@code spark.read.format("binaryFile")} gives them in
 * {@code content}). The output column is the struct described in {@link TranscriptRows}.
 *
 * <p>Each executor JVM loads the model once, on its first task, and shares it among its tasks and
 * later jobs; each partition is transcribed in chunks through {@code Transcriber.transcribeAll}, so
 * up to {@link #setBatchSize batchSize} files share every decoder pass. A file that cannot be read
 * or transcribed gives a row whose {@code error} says why; the job goes on.
 */
public final class Asr4jTranscriber extends Transformer implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> modelPath;
    private final Param<String> inputCol;
    private final Param<String> outputCol;
    private final Param<String> language;
    private final Param<String> task;
    private final DoubleArrayParam temperatures;
    private final IntParam maxTokensPerWindow;
    private final IntParam beamSize;
    private final BooleanParam wordTimestamps;
    private final IntParam batchSize;
    private final IntParam threads;
    // VAD: when core gains a voice-activity filter (issue #13), its switch becomes a param here,
    // carried to executors by TranscriptionSettings.

    public Asr4jTranscriber() {
        this(Identifiable.randomUID("asr4jTranscriber"));
    }

    /** With a given uid; Spark calls this when it copies or loads the stage. */
    public Asr4jTranscriber(String uid) {
        this.uid = uid;
        modelPath = new Param<>(this, "modelPath",
                "the model folder (Hugging Face Whisper layout) at a path every executor can read");
        inputCol = new Param<>(this, "inputCol", "the audio column: file paths (string) or file bytes (binary)");
        outputCol = new Param<>(this, "outputCol", "the transcript column to add (a struct)");
        language = new Param<>(this, "language", "language code such as en; empty: detect it per file");
        task = new Param<>(this, "task", "transcribe, or translate into English");
        temperatures = new DoubleArrayParam(this, "temperatures",
                "the fallback schedule tried while a window's decode looks failed; one value: no fallback");
        maxTokensPerWindow = new IntParam(this, "maxTokensPerWindow",
                "the most tokens chosen per 30 s window (openai's sample_len); 0: half the decoder context");
        beamSize = new IntParam(this, "beamSize", "beams at temperature 0; 0: greedy");
        wordTimestamps = new BooleanParam(this, "wordTimestamps", "add word timings to each segment");
        batchSize = new IntParam(this, "batchSize", "files decoded side by side, sharing each decoder pass");
        threads = new IntParam(this, "threads",
                "kernel threads of each executor's shared transcriber; 0: the task's spark.task.cpus");
        setDefault(outputCol, "transcript");
        setDefault(language, "");
        setDefault(task, "transcribe");
        setDefault(temperatures, TranscribeOptions.DEFAULT_TEMPERATURES.stream().mapToDouble(Double::doubleValue)
                .toArray());
        setDefault(maxTokensPerWindow, 0);
        setDefault(beamSize, 0);
        setDefault(wordTimestamps, false);
        setDefault(batchSize, 8);
        setDefault(threads, 0);
    }

    @Override
    public String uid() {
        return uid;
    }

    public Param<String> modelPath() { return modelPath; }
    public Param<String> inputCol() { return inputCol; }
    public Param<String> outputCol() { return outputCol; }
    public Param<String> language() { return language; }
    public Param<String> task() { return task; }
    public DoubleArrayParam temperatures() { return temperatures; }
    public IntParam maxTokensPerWindow() { return maxTokensPerWindow; }
    public IntParam beamSize() { return beamSize; }
    public BooleanParam wordTimestamps() { return wordTimestamps; }
    public IntParam batchSize() { return batchSize; }
    public IntParam threads() { return threads; }

    public Asr4jTranscriber setModelPath(String value) { return with(modelPath, value); }
    public Asr4jTranscriber setInputCol(String value) { return with(inputCol, value); }
    public Asr4jTranscriber setOutputCol(String value) { return with(outputCol, value); }
    public Asr4jTranscriber setLanguage(String value) { return with(language, value == null ? "" : value); }
    public Asr4jTranscriber setTask(String value) { return with(task, value); }
    public Asr4jTranscriber setTemperatures(double... value) { return with(temperatures, value.clone()); }
    public Asr4jTranscriber setMaxTokensPerWindow(int value) { return with(maxTokensPerWindow, value); }
    public Asr4jTranscriber setBeamSize(int value) { return with(beamSize, value); }
    public Asr4jTranscriber setWordTimestamps(boolean value) { return with(wordTimestamps, value); }
    public Asr4jTranscriber setBatchSize(int value) { return with(batchSize, value); }
    public Asr4jTranscriber setThreads(int value) { return with(threads, value); }

    public String getModelPath() { return getOrDefault(modelPath); }
    public String getInputCol() { return getOrDefault(inputCol); }
    public String getOutputCol() { return getOrDefault(outputCol); }
    public String getLanguage() { return getOrDefault(language); }
    public String getTask() { return getOrDefault(task); }
    public double[] getTemperatures() { return getOrDefault(temperatures).clone(); }
    public int getMaxTokensPerWindow() { return (Integer) getOrDefault(maxTokensPerWindow); }
    public int getBeamSize() { return (Integer) getOrDefault(beamSize); }
    public boolean getWordTimestamps() { return (Boolean) getOrDefault(wordTimestamps); }
    public int getBatchSize() { return (Integer) getOrDefault(batchSize); }
    public int getThreads() { return (Integer) getOrDefault(threads); }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType input = dataset.schema();
        StructType output = transformSchema(input);
        int inputIndex = input.fieldIndex(getInputCol());
        boolean binary = input.fields()[inputIndex].dataType() instanceof BinaryType;
        var partition = new PartitionTranscriber(settings(), inputIndex, binary);
        return dataset.toDF().mapPartitions(partition, Encoders.row(output));
    }

    /** Checks the columns and every option here, on the driver, before any task starts. */
    @Override
    public StructType transformSchema(StructType schema) {
        settings().options();
        if (!isDefined(inputCol)) {
            throw new IllegalArgumentException("inputCol is not set: name a column of file paths or file bytes");
        }
        String in = getInputCol();
        String out = getOutputCol();
        if (!Arrays.asList(schema.fieldNames()).contains(in)) {
            throw new IllegalArgumentException("input column " + in + " not found; the columns are "
                    + String.join(", ", schema.fieldNames()));
        }
        DataType type = schema.apply(in).dataType();
        if (!(type instanceof StringType || type instanceof BinaryType)) {
            throw new IllegalArgumentException("input column " + in + " must hold file paths (string) or file bytes"
                    + " (binary), but it is " + type.simpleString());
        }
        if (Arrays.asList(schema.fieldNames()).contains(out)) {
            throw new IllegalArgumentException("output column " + out + " already exists");
        }
        return schema.add(new StructField(out, TranscriptRows.TRANSCRIPT, false, Metadata.empty()));
    }

    @Override
    public Asr4jTranscriber copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /** Reads a transformer saved with {@code write().save(path)} (also as a stage of a saved pipeline). */
    public static MLReader<Asr4jTranscriber> read() {
        return new DefaultParamsReadable<Asr4jTranscriber>() {}.read();
    }

    public static Asr4jTranscriber load(String path) {
        return read().load(path);
    }

    TranscriptionSettings settings() {
        if (!isDefined(modelPath)) {
            throw new IllegalArgumentException("modelPath is not set");
        }
        List<Double> schedule = Arrays.stream(getTemperatures()).boxed().toList();
        return new TranscriptionSettings(getModelPath(), getLanguage(), getTask(), schedule, getMaxTokensPerWindow(),
                getBeamSize(), getWordTimestamps(), getBatchSize(), getThreads());
    }

    private <T> Asr4jTranscriber with(Param<T> param, T value) {
        set(param, value);
        return this;
    }
}

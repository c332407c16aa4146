package io.github.asr4j.spark;

import io.github.asr4j.Segment;
import io.github.asr4j.Transcript;
import io.github.asr4j.Word;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The output column: one struct per input, of plain strings, doubles and arrays so that it writes
 * straight to Parquet, ORC or JSON.
 *
 * <pre>
 * text: string, language: string,
 * segments: array&lt;struct&lt;start: double, end: double, text: string,
 *                          words: array&lt;struct&lt;word: string, start: double, end: double, probability: double&gt;&gt;&gt;&gt;,
 * error: string
 * </pre>
 *
 * A transcribed input has {@code error} null; an input that failed has only {@code error}
 * (the exception's type and message), the other fields null.
 */
final class TranscriptRows {
    static final StructType WORD = new StructType()
            .add("word", DataTypes.StringType, false)
            .add("start", DataTypes.DoubleType, false)
            .add("end", DataTypes.DoubleType, false)
            .add("probability", DataTypes.DoubleType, false);

    static final StructType SEGMENT = new StructType()
            .add("start", DataTypes.DoubleType, false)
            .add("end", DataTypes.DoubleType, false)
            .add("text", DataTypes.StringType, false)
            .add("words", DataTypes.createArrayType(WORD, false), false);

    static final StructType TRANSCRIPT = new StructType()
            .add("text", DataTypes.StringType, true)
            .add("language", DataTypes.StringType, true)
            .add("segments", DataTypes.createArrayType(SEGMENT, false), true)
            .add("error", DataTypes.StringType, true);

    private TranscriptRows() {}

    static Row of(Transcript t) {
        List<Row> segments = t.segments().stream().map(TranscriptRows::segment).toList();
        return RowFactory.create(t.text(), t.language(), seq(segments), null);
    }

    static Row failure(String error) {
        return RowFactory.create(null, null, null, error);
    }

    private static Row segment(Segment s) {
        List<Row> words = s.words().stream().map(TranscriptRows::word).toList();
        return RowFactory.create(s.start(), s.end(), s.text(), seq(words));
    }

    private static Row word(Word w) {
        return RowFactory.create(w.word(), w.start(), w.end(), w.probability());
    }

    /** An array value as a Row must hold it: a Scala sequence. */
    private static Seq<Row> seq(List<Row> rows) {
        return CollectionConverters.asScala(rows).toList();
    }
}

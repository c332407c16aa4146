/**
 * Transcript files byte for byte as openai-whisper writes them ({@code whisper/utils.py}).
 *
 * <pre>
 * Writers.forFormat(OutputFormat.SRT).write(transcript, writer, SubtitleOptions.DEFAULT)
 * Writers.writeFiles(OutputFormat.ALL, transcript, audioPath, outputDir, options)  -> outputDir/&lt;stem&gt;.txt|vtt|srt|tsv|json
 * </pre>
 *
 * <p>Python's behaviour is reproduced where it shows in the bytes: {@code round} half to even on
 * milliseconds, {@code str.strip} whitespace, {@code len} in code points for line widths,
 * {@code json.dump}'s ASCII escaping, separators and float {@code repr}.
 */
package io.github.asr4j.output;

package io.github.asr4j.output;

import java.nio.file.Path;

/** openai-whisper's output file naming: {@code os.path.splitext(os.path.basename(audio_path))[0]}. */
final class OutputPaths {
    private OutputPaths() {}

    /** {@code outputDir/<basename without extension>.<extension>}. */
    public static Path outputPath(Path audioPath, Path outputDir, String extension) {
        Path name = audioPath.getFileName();
        if (name == null) throw new IllegalArgumentException("audio path '" + audioPath + "' has no file name");
        return outputDir.resolve(stem(name.toString()) + "." + extension);
    }

    /**
     * The file name without its last extension, as Python's {@code splitext}: leading dots are part
     * of the name ({@code .hidden} stays {@code .hidden}, {@code .hidden.wav} gives {@code .hidden}),
     * and {@code a.tar.gz} gives {@code a.tar}.
     */
    public static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot <= 0) return fileName;
        for (int i = 0; i < dot; i++) {
            if (fileName.charAt(i) != '.') return fileName.substring(0, dot);
        }
        return fileName; // only dots before the last dot: no extension
    }
}

package io.github.asr4j.cli;

import io.github.asr4j.ProgressListener;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on stderr: for a batch, one bar counting finished files (files are decoded side by
 * side, so per-file bars would interleave); for a single file longer than one 30 s window, a bar in
 * seconds of audio. A short single file prints nothing extra. Listeners may be called from the
 * batch's worker threads.
 */
final class ProgressBars implements AutoCloseable {
    private final int fileCount;
    private final boolean enabled;
    private final Map<Path, Boolean> finished = new HashMap<>();
    private ProgressBar bar;

    ProgressBars(int fileCount, boolean enabled) {
        this.fileCount = fileCount;
        this.enabled = enabled;
        if (enabled && fileCount > 1) {
            bar = build("files", fileCount, " files");
        }
    }

    /** The listener for one file. */
    ProgressListener forFile(Path file) {
        if (!enabled) {
            return ProgressListener.NONE;
        }
        return (done, total) -> update(file, done, total);
    }

    private synchronized void update(Path file, double done, double total) {
        if (fileCount > 1) {
            if (done >= total && finished.put(file, true) == null) {
                bar.step();
            }
            return;
        }
        if (bar == null && total > 30) {
            bar = build(file.getFileName().toString(), Math.round(total), " s");
        }
        if (bar != null) {
            bar.stepTo(Math.min(Math.round(done), Math.round(total)));
        }
    }

    private static ProgressBar build(String name, long max, String unit) {
        return new ProgressBarBuilder()
                .setTaskName(name)
                .setInitialMax(max)
                .setUnit(unit, 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .continuousUpdate()
                .build();
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
        }
    }
}

package io.github.asr4j.cli;

import io.github.asr4j.ProgressListener;
import java.nio.file.Path;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars on stderr, one per file, in seconds of audio: shown for batches and for files
 * longer than one 30 s window, so a short single file prints nothing extra.
 */
final class ProgressBars implements AutoCloseable {
    private final int fileCount;
    private final boolean enabled;
    private int index;
    private ProgressBar current;

    ProgressBars(int fileCount, boolean enabled) {
        this.fileCount = fileCount;
        this.enabled = enabled;
    }

    /** The listener for the next file. */
    ProgressListener next(Path file) {
        finishCurrent();
        index++;
        if (!enabled) {
            return ProgressListener.NONE;
        }
        String name = (fileCount > 1 ? "[" + index + "/" + fileCount + "] " : "") + file.getFileName();
        return (done, total) -> {
            if (current == null && (fileCount > 1 || total > 30)) {
                current = new ProgressBarBuilder()
                        .setTaskName(name)
                        .setInitialMax(Math.round(total))
                        .setUnit(" s", 1)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setConsumer(new ConsoleProgressBarConsumer(System.err))
                        .continuousUpdate()
                        .build();
            }
            if (current != null) {
                current.stepTo(Math.min(Math.round(done), Math.round(total)));
            }
        };
    }

    private void finishCurrent() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    @Override
    public void close() {
        finishCurrent();
    }
}

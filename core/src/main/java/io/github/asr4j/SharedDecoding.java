package io.github.asr4j;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Transcriptions on many threads that share their decoder passes, for servers: each call's
 * single-token steps join the steps of the other calls in flight in one batched pass, as the
 * files of {@link Transcriber#transcribeAll} do. Calls may start and end at any time.
 *
 * <p>A step runs as soon as every call that is decoding has one pending; a call reading audio or
 * running its encoder holds no one up. Run as many calls at once as the batch should hold (the
 * caller's worker pool sets the batch size). Which steps share a pass depends on timing, and
 * results may differ from a call alone in the last bits of the logits (a batch takes the
 * matrix-matrix kernel). Thread-safe.
 */
public final class SharedDecoding {
    private final Transcriber transcriber;
    private final StepBatcher batcher = new StepBatcher(false); // requests come and go: no lockstep
    private final AtomicInteger seats = new AtomicInteger();

    public SharedDecoding(Transcriber transcriber) {
        this.transcriber = transcriber;
    }

    /** As {@link Transcriber#transcribe(Path, TranscribeOptions, ProgressListener)}, stepping in the shared batch. */
    public Transcript transcribe(Path audioFile, TranscribeOptions options, ProgressListener progress) {
        return transcribe(audioFile, options, progress, () -> false);
    }

    /**
     * As above; once {@code cancelled} turns true the call throws {@link java.util.concurrent.CancellationException}
     * at its next decoder step or encoder pass and frees its place in the batch.
     */
    public Transcript transcribe(Path audioFile, TranscribeOptions options, ProgressListener progress,
                                 BooleanSupplier cancelled) {
        try (StepBatcher.Worker seat = batcher.join(seats.getAndIncrement(), cancelled)) {
            return transcriber.transcribe(audioFile, options, progress, seat);
        }
    }
}

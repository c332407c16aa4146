package io.github.asr4j.bench;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Per-stage timings of whisper.cpp, measured the way its own {@code bench} tool does: through the
 * C API of an already loaded {@code libwhisper} ({@code whisper_pcm_to_mel}, {@code whisper_encode},
 * {@code whisper_decode}), called with the FFM API. whisper-jni loads that library but exposes only
 * {@code whisper_full}, which cannot fix the number of generated tokens nor report stage times.
 */
@SuppressWarnings("restricted") // calling into a native library is this class's whole job
public final class WhisperCppStages {
    private static final Linker LINKER = Linker.nativeLinker();

    /**
     * Stage timings of one ggml model.
     *
     * @param melS log-mel of the whole audio, seconds
     * @param encoderS one 30 s encoder pass, seconds (median)
     * @param promptMs the 4-token prompt in one batch, milliseconds (median)
     * @param decoderMsPerToken one single-token step after the prompt, milliseconds (median)
     */
    public record Stages(double melS, double encoderS, double promptMs, double decoderMsPerToken) {
        /**
         * The real-time factor a transcription of {@code windows} windows with {@code tokensPerWindow}
         * tokens each would have at these stage speeds (sampling and other bookkeeping not counted).
         */
        public double estimatedRtf(int windows, int tokensPerWindow, double audioSeconds) {
            double perWindow = encoderS + promptMs / 1000 + tokensPerWindow * decoderMsPerToken / 1000;
            return (melS + windows * perWindow) / audioSeconds;
        }
    }

    private WhisperCppStages() {}

    /** The path of the {@code libwhisper} this process has loaded (e.g. by whisper-jni), from /proc/self/maps. */
    public static Optional<Path> loadedLibrary() {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .map(line -> line.indexOf('/') < 0 ? "" : line.substring(line.indexOf('/')))
                    .filter(p -> p.matches(".*/libwhisper\\.so(\\.\\d+)*"))
                    .findFirst().map(Path::of);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replaces whisper.cpp's log (model loading, buffer sizes: many lines on stderr) with nothing.
     * Applies to every user of the library in this process, whisper-jni included.
     */
    public static void silenceLog(Path library) {
        SymbolLookup lib = SymbolLookup.libraryLookup(library, Arena.global());
        try {
            MethodHandle ignore = MethodHandles.lookup().findStatic(WhisperCppStages.class, "ignoreLog",
                    MethodType.methodType(void.class, int.class, MemorySegment.class, MemorySegment.class));
            MemorySegment callback = LINKER.upcallStub(ignore,
                    FunctionDescriptor.ofVoid(JAVA_INT, ADDRESS, ADDRESS), Arena.global());
            MethodHandle logSet = handle(lib, "whisper_log_set", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
            logSet.invokeExact(callback, MemorySegment.NULL);
        } catch (Throwable t) {
            throw new IllegalStateException("cannot set whisper.cpp's log callback: " + t, t);
        }
    }

    @SuppressWarnings("unused") // called from native code through the upcall stub
    private static void ignoreLog(int level, MemorySegment text, MemorySegment userData) {
    }

    /**
     * Loads {@code ggmlModel} into a fresh whisper.cpp context and times its stages: the mel of all of
     * {@code samples16k}, the encoder on the first window, a 4-token prompt and {@code decoderSteps}
     * single-token steps (the same fixed context as asr4j's figure).
     *
     * @throws IllegalStateException when the library cannot load the model or a call fails
     */
    public static Stages measure(Path library, Path ggmlModel, float[] samples16k, BenchSettings settings) {
        int threads = settings.threads();
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup lib = SymbolLookup.libraryLookup(library, arena);
            MethodHandle init = handle(lib, "whisper_init_from_file", FunctionDescriptor.of(ADDRESS, ADDRESS));
            MethodHandle free = handle(lib, "whisper_free", FunctionDescriptor.ofVoid(ADDRESS));
            MethodHandle pcmToMel = handle(lib, "whisper_pcm_to_mel",
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT));
            MethodHandle encode = handle(lib, "whisper_encode", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
            MethodHandle decode = handle(lib, "whisper_decode",
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT));
            MethodHandle nVocab = handle(lib, "whisper_n_vocab", FunctionDescriptor.of(JAVA_INT, ADDRESS));

            MemorySegment ctx = (MemorySegment) init.invokeExact(arena.allocateFrom(ggmlModel.toString()));
            if (ctx.equals(MemorySegment.NULL)) {
                throw new IllegalStateException("whisper.cpp could not load " + ggmlModel);
            }
            try {
                MemorySegment pcm = arena.allocateFrom(JAVA_FLOAT, samples16k);
                long t = System.nanoTime();
                check((int) pcmToMel.invokeExact(ctx, pcm, samples16k.length, threads), "whisper_pcm_to_mel");
                double melS = Samples.since(t);

                double encoderS = Samples.medianSeconds(settings.warmups(), settings.runs(), () -> {
                    long t0 = System.nanoTime();
                    check(invokeEncode(encode, ctx, threads), "whisper_encode");
                    return Samples.since(t0);
                });
                int vocab = (int) nVocab.invokeExact(ctx);
                int[] promptIds = Arrays.stream(new int[] {50258, 50259, 50359, 50363})
                        .map(id -> Math.min(id, vocab - 1)).toArray();
                MemorySegment prompt = arena.allocateFrom(JAVA_INT, promptIds);
                MemorySegment next = arena.allocateFrom(JAVA_INT, Math.min(440, vocab - 1));
                double[] promptS = new double[1];
                double stepS = Samples.medianSeconds(settings.warmups(), settings.runs(), () -> {
                    long t0 = System.nanoTime();
                    check(invokeDecode(decode, ctx, prompt, promptIds.length, 0, threads), "whisper_decode");
                    promptS[0] = Samples.since(t0);
                    long t1 = System.nanoTime();
                    for (int i = 0; i < settings.decoderSteps(); i++) {
                        check(invokeDecode(decode, ctx, next, 1, promptIds.length + i, threads), "whisper_decode");
                    }
                    return Samples.since(t1) / settings.decoderSteps();
                });
                return new Stages(melS, encoderS, promptS[0] * 1000, stepS * 1000);
            } finally {
                free.invokeExact(ctx);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("whisper.cpp call failed: " + t, t);
        }
    }

    private static int invokeEncode(MethodHandle encode, MemorySegment ctx, int threads) {
        try {
            return (int) encode.invokeExact(ctx, 0, threads);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static int invokeDecode(MethodHandle decode, MemorySegment ctx, MemorySegment tokens, int n, int past,
                                    int threads) {
        try {
            return (int) decode.invokeExact(ctx, tokens, n, past, threads);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static void check(int status, String call) {
        if (status != 0) {
            throw new IllegalStateException(call + " returned " + status);
        }
    }

    private static MethodHandle handle(SymbolLookup lib, String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(lib.find(name)
                .orElseThrow(() -> new IllegalStateException("libwhisper has no symbol " + name)), fd);
    }
}

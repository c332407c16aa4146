/**
 * asr4j: speech recognition for Whisper-architecture models. The public API is
 * {@code io.github.asr4j} ({@code Transcriber} and its options and results), the output writers
 * ({@code io.github.asr4j.output}) and the profiler ({@code io.github.asr4j.profile}); the audio
 * front end, the network, the decoding rules and word timing are internal.
 */
module io.github.asr4j {
    requires transitive io.github.asr4j.kernels;   // WeightFormat, in the builder's API
    requires io.github.asr4j.loader;
    requires io.github.asr4j.tokenizer;
    requires jflac.codec;                           // jFLAC has no module name of its own
    requires com.fasterxml.jackson.core;            // the profiler's JSON and trace writers

    exports io.github.asr4j;
    exports io.github.asr4j.output;
    exports io.github.asr4j.profile;
}

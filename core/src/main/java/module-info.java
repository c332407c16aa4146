/**
 * asr4j: speech recognition for Whisper-architecture models. The public API is
 * {@code io.github.asr4j} ({@code Transcriber} and its options and results), the output writers
 * ({@code io.github.asr4j.output}), the profiler ({@code io.github.asr4j.profile}) and voice activity
 * detection ({@code io.github.asr4j.vad}); the audio
 * front end, the network, the decoding rules and word timing are internal.
 */
module io.github.asr4j {
    requires transitive io.github.asr4j.kernels;   // WeightFormat, in the builder's API
    requires transitive io.github.asr4j.loader;    // HubException, from Transcriber.of("org/name")
    requires io.github.asr4j.tokenizer;
    requires com.fasterxml.jackson.core;            // the profiler's JSON and trace writers

    exports io.github.asr4j;
    exports io.github.asr4j.output;
    exports io.github.asr4j.profile;
    exports io.github.asr4j.vad;                    // SpeechDetector and the VAD options
    // the command line checks audio headers before it loads a model, reads raw PCM from stdin, and
    // prints VAD probabilities: the audio readers, not part of the library's API
    exports io.github.asr4j.audio to io.github.asr4j.cli;
    exports io.github.asr4j.qwen to io.github.asr4j.cli; // asr4j dump reads Qwen3-ASR's intermediate values
}

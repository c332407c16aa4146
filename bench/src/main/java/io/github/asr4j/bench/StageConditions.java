package io.github.asr4j.bench;

import java.util.Map;

/**
 * How {@link AsrBenchmark}'s stage figures were taken, reported beside them so that a figure can be
 * read for what it timed.
 *
 * @param kvCache the decoder's KV cache type: the one a {@code Transcriber} keeps for these weights
 * @param encoderWarmups untimed encoder passes before the timed ones
 * @param decoderWarmups untimed decoder runs before the timed ones
 * @param decoderJitMs the JIT compilers' time while the decoder runs were timed, ms; -1 when the JVM does not report it
 */
public record StageConditions(String kvCache, int encoderWarmups, int decoderWarmups, double decoderJitMs) {

    /** Adds the JSON fields to {@code m}. */
    void putInto(Map<String, Object> m) {
        m.put("kv_cache", kvCache);
        m.put("encoder_warmup_runs", encoderWarmups);
        m.put("decoder_warmup_runs", decoderWarmups);
        m.put("decoder_jit_ms_while_timed", decoderJitMs);
    }

    /** Reads what {@link #putInto} wrote. */
    static StageConditions fromJson(Map<String, Object> m) {
        if (!(m.get("kv_cache") instanceof String kv)) {
            throw new IllegalArgumentException("benchmark result lacks the string 'kv_cache': " + m);
        }
        return new StageConditions(kv, (int) AsrFigures.num(m, "encoder_warmup_runs"),
                (int) AsrFigures.num(m, "decoder_warmup_runs"), AsrFigures.num(m, "decoder_jit_ms_while_timed"));
    }
}

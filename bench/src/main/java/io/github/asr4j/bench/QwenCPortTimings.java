package io.github.asr4j.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stage timings antirez/qwen-asr (the plain-C Qwen3-ASR port) prints with {@code --debug}:
 * {@code Mel: F frames (X ms)}, {@code Encoder: T tokens (X ms)}, {@code Prefill: P tokens (X ms)} (the
 * prompt and the first token's logits), {@code Decode: N tokens (X ms, Y ms/token)} and
 * {@code Inference: X ms} (the whole transcription after loading).
 *
 * @param melMs log-mel, ms
 * @param encoderMs audio encoder, ms
 * @param audioTokens encoder output rows
 * @param prefillMs prompt prefill including the first logits, ms
 * @param promptTokens prompt length
 * @param decodeMs the decode loop, ms
 * @param decodeTokens decoder steps of that loop
 * @param totalMs the whole transcription (mel to last token), ms
 */
public record QwenCPortTimings(double melMs, double encoderMs, int audioTokens, double prefillMs, int promptTokens,
                               double decodeMs, int decodeTokens, double totalMs) {
    private static final Pattern MEL = Pattern.compile("Mel:\\s*(\\d+) frames\\s*\\(([0-9.]+) ms\\)");
    private static final Pattern ENCODER = Pattern.compile("Encoder:\\s*(\\d+) tokens\\s*\\(([0-9.]+) ms\\)");
    private static final Pattern PREFILL = Pattern.compile("Prefill:\\s*(\\d+) tokens\\s*\\(([0-9.]+) ms\\)");
    private static final Pattern DECODE = Pattern.compile("Decode:\\s*(\\d+) tokens\\s*\\(([0-9.]+) ms");
    private static final Pattern TOTAL = Pattern.compile("Inference:\\s*([0-9.]+) ms");

    /** Decoder ms per token of the decode loop. */
    public double decodeMsPerToken() {
        return decodeMs / decodeTokens;
    }

    /**
     * Reads the timings of one single-segment run ({@code -S 0}, the default) from its stderr.
     *
     * @throws IllegalArgumentException when a stage line is missing or appears more than once (a segmented
     *     run), quoting the end of the output
     */
    public static QwenCPortTimings parse(String stderr) {
        Matcher mel = one(MEL, "Mel: F frames (X ms)", stderr);
        Matcher enc = one(ENCODER, "Encoder: T tokens (X ms)", stderr);
        Matcher pre = one(PREFILL, "Prefill: P tokens (X ms)", stderr);
        Matcher dec = one(DECODE, "Decode: N tokens (X ms, ...)", stderr);
        Matcher total = one(TOTAL, "Inference: X ms", stderr);
        int steps = Integer.parseInt(dec.group(1));
        if (steps < 1) {
            throw new IllegalArgumentException("qwen-asr decoded no token: " + dec.group());
        }
        return new QwenCPortTimings(Double.parseDouble(mel.group(2)), Double.parseDouble(enc.group(2)),
                Integer.parseInt(enc.group(1)), Double.parseDouble(pre.group(2)), Integer.parseInt(pre.group(1)),
                Double.parseDouble(dec.group(2)), steps, Double.parseDouble(total.group(1)));
    }

    private static Matcher one(Pattern p, String what, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("qwen-asr output has no '" + what + "' line (run it with --debug); its end:\n"
                    + tail(text));
        }
        int start = m.start();
        if (m.find()) {
            throw new IllegalArgumentException("qwen-asr output has more than one '" + what
                    + "' line (a segmented run?); measure one segment (-S 0)");
        }
        m.reset();
        m.find(start);
        return m;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mel_ms", melMs);
        m.put("encoder_ms", encoderMs);
        m.put("audio_tokens", audioTokens);
        m.put("prefill_ms", prefillMs);
        m.put("prompt_tokens", promptTokens);
        m.put("decode_ms", decodeMs);
        m.put("decode_tokens", decodeTokens);
        m.put("decoder_ms_per_token", decodeMsPerToken());
        m.put("total_ms", totalMs);
        return m;
    }

    private static String tail(String s) {
        List<String> lines = s.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 12), lines.size()));
    }
}

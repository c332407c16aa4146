package io.github.asr4j.audio;

import io.github.asr4j.AudioFormatException;

/**
 * The input sample rates asr4j accepts: 4 kHz to 384 kHz. Below 4 kHz no speech band survives
 * (and a forged rate of 1 Hz would make a small file resample to hours); above 384 kHz no audio
 * interface records. Checked when a header is read, before any sample buffer is made.
 */
public final class SupportedRates {
    public static final int MIN_HZ = 4_000;
    public static final int MAX_HZ = 384_000;

    private SupportedRates() {}

    /** @throws AudioFormatException naming {@code source} when {@code rate} is outside the range */
    public static void check(long rate, String source) {
        if (rate < MIN_HZ || rate > MAX_HZ) {
            throw new AudioFormatException(source + ": sample rate " + rate + " Hz is outside the supported "
                    + MIN_HZ + ".." + MAX_HZ + " Hz");
        }
    }
}

package io.github.asr4j.output;

import java.util.Locale;

/** openai-whisper's {@code format_timestamp} and the millisecond rounding its writers use. */
public final class Timestamps {
    private Timestamps() {}

    /**
     * Python's {@code round(seconds * 1000.0)}: the product is rounded half to even, as Python's
     * {@code round} on a float (so 1.0005 s, whose product is exactly 1000.5, gives 1000 ms, not 1001).
     */
    public static long milliseconds(double seconds) {
        return (long) Math.rint(seconds * 1000.0);
    }

    /**
     * {@code [hh:]mm:ss<marker>mmm}. Hours appear when {@code alwaysIncludeHours} or when there is at
     * least one, with two digits or more (openai's {@code f"{hours:02d}:"}).
     *
     * @throws IllegalArgumentException for a negative or NaN time (openai asserts {@code seconds >= 0})
     */
    public static String format(double seconds, boolean alwaysIncludeHours, char decimalMarker) {
        if (!(seconds >= 0)) throw new IllegalArgumentException("non-negative timestamp expected, got " + seconds);
        long millis = milliseconds(seconds);
        long hours = millis / 3_600_000;
        millis -= hours * 3_600_000;
        long minutes = millis / 60_000;
        millis -= minutes * 60_000;
        long secs = millis / 1_000;
        millis -= secs * 1_000;
        String hoursMarker = alwaysIncludeHours || hours > 0 ? String.format(Locale.ROOT, "%02d:", hours) : "";
        return hoursMarker + String.format(Locale.ROOT, "%02d:%02d%c%03d", minutes, secs, decimalMarker, millis);
    }
}

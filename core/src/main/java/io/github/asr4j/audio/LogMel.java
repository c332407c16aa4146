package io.github.asr4j.audio;

import io.github.asr4j.AudioFormatException;

/**
 * Whisper's log-mel spectrogram, a port of openai-whisper {@code audio.log_mel_spectrogram} for
 * 16 kHz mono input: periodic Hann window of 400, n_fft 400, hop 160, centred frames with reflect
 * padding of 200 samples at each end, power spectrum |X|^2 (the last STFT frame dropped), the
 * Slaney mel filter bank ({@link MelFilterBank}), {@code log10(max(x, 1e-10))}, a floor 8 below
 * the maximum of the whole spectrogram, then {@code (x + 4) / 4}.
 *
 * <p>The arithmetic is double precision, rounded once to float per output value, so results agree
 * with a float64 reference to float32 rounding.
 *
 * <p>Frame count: {@code samples.length / 160} (integer division) frames, frame {@code t} centred
 * on sample {@code 160 t}. Inputs shorter than 160 samples give zero frames.
 *
 * <p>Instances are immutable and thread-safe (each call uses its own FFT scratch).
 */
public final class LogMel {
    private static final int SAMPLE_RATE = AudioConstants.SAMPLE_RATE;
    private static final int N_FFT = AudioConstants.N_FFT;
    private static final int HOP = AudioConstants.HOP_LENGTH;

    private static final int BINS = N_FFT / 2 + 1;
    private static final double[] HANN = periodicHann(N_FFT);

    private final MelFilterBank filters;

    /** A front end with {@code nMels} mel bins (80 for most Whisper models, 128 for large-v3). */
    public LogMel(int nMels) {
        this.filters = new MelFilterBank(SAMPLE_RATE, N_FFT, nMels);
    }

    public int nMels() {
        return filters.nMels;
    }

    /** The mel filter weights as float32 [nMels, 201] (librosa's values), for tests and tools. */
    public float[] filterBank() {
        return filters.toFloatArray();
    }

    /**
     * The log-mel spectrogram of 16 kHz samples, as [nMels, frames] row-major with
     * frames = samples.length / 160; an empty array when that is zero.
     *
     * @throws IllegalArgumentException when a sample is NaN or infinite (it would spoil the
     *     whole spectrogram through the global maximum)
     */
    public float[] compute(float[] samples) {
        requireFinite(samples);
        int frames = samples.length / HOP;
        int nMels = filters.nMels;
        float[] out = new float[Math.multiplyExact(nMels, frames)];
        if (frames == 0) {
            return out;
        }
        double max = computeFrames(new Samples(samples, 0, samples.length, samples.length), 0, frames, frames,
                out, frames, new Scratch());
        applyFloor(out, out.length, floorOf(max));
        return out;
    }

    /** Per-thread FFT buffers for {@link #computeFrames}. */
    static final class Scratch {
        final double[] re = new double[N_FFT];
        final double[] im = new double[N_FFT];
        final double[] power = new double[BINS];
        final Fft fft = new Fft(N_FFT);
    }

    /**
     * A window onto an input of {@code n} real samples followed by zeros up to {@code paddedLength}
     * (frames reflect at both ends of the padded input, as numpy's reflect padding): {@code buffer}
     * holds the samples from absolute index {@code base} on, as far as a caller needs them.
     */
    record Samples(float[] buffer, long base, long n, long paddedLength) {
        float at(long i) {
            if (i < 0 && -i < paddedLength) {
                i = -i; // reflect(i, paddedLength) without its period, which overflows for an unknown length
            } else if (i < 0 || i >= paddedLength) {
                i = reflect(i, paddedLength);
            }
            return i < n ? buffer[(int) (i - base)] : 0f;
        }
    }

    /**
     * Writes frames {@code tStart .. tEnd - 1} ({@code tStart} even) of a spectrogram of
     * {@code totalFrames} frames as (log10 + 4) / 4, without the floor, into columns
     * {@code t - tStart} of {@code out} ([nMels, cols] row-major); returns their largest log10.
     * Frames are transformed in the same pairs (t, t + 1) whatever range is asked for, so every
     * value is the same bit for bit as when the whole spectrogram is computed at once.
     */
    double computeFrames(Samples x, int tStart, int tEnd, int totalFrames, float[] out, int cols, Scratch s) {
        if ((tStart & 1) != 0) {
            throw new IllegalArgumentException("frame ranges start at an even frame, got " + tStart);
        }
        double[] re = s.re, im = s.im, power = s.power;
        double max = Double.NEGATIVE_INFINITY;
        // Two real frames per complex FFT: frame t in the real part, frame t+1 in the imaginary.
        for (int t = tStart; t < tEnd; t += 2) {
            boolean pair = t + 1 < totalFrames;
            boolean store2 = t + 1 < tEnd;
            boolean silentA = loadFrame(x, t, re);
            boolean silentB = pair ? loadFrame(x, t + 1, im) : fillZero(im);
            if (silentA && silentB) {
                max = Math.max(max, store(out, cols, t - tStart, null));
                if (store2) {
                    max = Math.max(max, store(out, cols, t + 1 - tStart, null));
                }
                continue;
            }
            s.fft.transform(re, im);
            for (int k = 0; k < BINS; k++) {
                int nk = k == 0 ? 0 : N_FFT - k;
                double sr = re[k] + re[nk], di = im[k] - im[nk];
                power[k] = (sr * sr + di * di) * 0.25;
            }
            max = Math.max(max, store(out, cols, t - tStart, power));
            if (store2) {
                for (int k = 0; k < BINS; k++) {
                    int nk = k == 0 ? 0 : N_FFT - k;
                    double si = im[k] + im[nk], dr = re[k] - re[nk];
                    power[k] = (si * si + dr * dr) * 0.25;
                }
                max = Math.max(max, store(out, cols, t + 1 - tStart, power));
            }
        }
        return max;
    }

    /** The floor "max - 8" in the stored units (log10 + 4) / 4. */
    static float floorOf(double maxLog10) {
        return (float) ((maxLog10 - 8 + 4) / 4);
    }

    static void applyFloor(float[] out, int length, float floor) {
        for (int i = 0; i < length; i++) {
            if (out[i] < floor) {
                out[i] = floor;
            }
        }
    }

    /**
     * The first 30-second window as openai-whisper's {@code transcribe()} sees it: the log-mel of
     * {@code samples} followed by 480000 zeros (the floor taken over all those frames), frames
     * 0..2999. Returns [nMels, 3000].
     */
    public float[] firstWindow(float[] samples) {
        return computePadded(samples).window(0);
    }

    /**
     * The log-mel of {@code samples} followed by 30 s of zeros, as {@code transcribe()} computes
     * it once for the whole file before slicing 30-second windows.
     */
    public Spectrogram computePadded(float[] samples) {
        requireFinite(samples);
        float[] padded = new float[Math.addExact(samples.length, AudioConstants.N_SAMPLES)];
        System.arraycopy(samples, 0, padded, 0, samples.length);
        int frames = padded.length / HOP;
        return new Spectrogram(filters.nMels, frames, samples.length / HOP, compute(padded));
    }

    /**
     * A log-mel spectrogram [nMels, frames] row-major.
     *
     * @param contentFrames frames that belong to the audio itself (the rest is the zero padding)
     */
    public record Spectrogram(int nMels, int frames, int contentFrames, float[] data) implements WindowSource {
        /**
         * Frames {@code start .. start + 2999} as [nMels, 3000]; frames past the end of the
         * spectrogram are 0. (openai-whisper's current transcribe() instead cuts the window at
         * {@code contentFrames} and zero-fills the rest; that is {@link #window(int, int)}.)
         */
        public float[] window(int start) {
            return window(start, frames - start);
        }

        /** Frames {@code start .. start + min(3000, length) - 1} as [nMels, 3000], the rest 0. */
        public float[] window(int start, int length) {
            if (start < 0 || start > frames) {
                throw new IllegalArgumentException("window start " + start + " outside 0.." + frames);
            }
            int copy = Math.max(0, Math.min(Math.min(AudioConstants.N_FRAMES, length), frames - start));
            float[] out = new float[nMels * AudioConstants.N_FRAMES];
            for (int m = 0; m < nMels; m++) {
                System.arraycopy(data, m * frames + start, out, m * AudioConstants.N_FRAMES, copy);
            }
            return out;
        }
    }

    /**
     * Loads windowed frame {@code t} (samples 160t-200 .. 160t+199, reflected at both ends) into
     * {@code dst}; returns whether it is all zeros (its spectrum then needs no FFT).
     */
    private static boolean loadFrame(Samples x, int t, double[] dst) {
        long first = (long) t * HOP - N_FFT / 2;
        boolean silent = true;
        if (first >= x.base() && first + N_FFT <= x.n()) {
            float[] b = x.buffer();
            int o = (int) (first - x.base());
            for (int j = 0; j < N_FFT; j++) {
                float v = b[o + j];
                silent &= v == 0;
                dst[j] = v * HANN[j];
            }
        } else {
            for (int j = 0; j < N_FFT; j++) {
                float v = x.at(first + j);
                silent &= v == 0;
                dst[j] = v * HANN[j];
            }
        }
        return silent;
    }

    /** Checks {@code samples[offset .. offset + length)}, which are the input's from {@code firstIndex} on. */
    static void requireFinite(float[] samples, int offset, int length, long firstIndex) {
        for (int i = 0; i < length; i++) {
            if (!Float.isFinite(samples[offset + i])) {
                throw new AudioFormatException("audio sample " + (firstIndex + i) + " is " + samples[offset + i]
                        + "; samples must be finite");
            }
        }
    }

    private static void requireFinite(float[] samples) {
        requireFinite(samples, 0, samples.length, 0);
    }

    /** numpy/torch "reflect" padding (the edge sample not repeated), iterated for short input. */
    static int reflect(int i, int n) {
        return (int) reflect((long) i, n);
    }

    static long reflect(long i, long n) {
        if (n == 1) {
            return 0;
        }
        long period = 2 * (n - 1);
        long k = Math.floorMod(i, period);
        return k < n ? k : period - k;
    }

    private static boolean fillZero(double[] a) {
        java.util.Arrays.fill(a, 0);
        return true;
    }

    /**
     * Applies the filter bank to {@code power} (null: silence), writes (log10 + 4) / 4 of each
     * mel energy to column {@code t} of {@code out}, and returns the largest log10 value.
     */
    private double store(float[] out, int frames, int t, double[] power) { // frames: columns of out
        double max = Double.NEGATIVE_INFINITY;
        double[] w = filters.weights;
        for (int m = 0; m < filters.nMels; m++) {
            double acc = 0;
            if (power != null) {
                int base = m * BINS;
                for (int k = filters.start[m], end = filters.end[m]; k < end; k++) {
                    acc += w[base + k] * power[k];
                }
            }
            double log = Math.log10(Math.max(acc, 1e-10));
            max = Math.max(max, log);
            out[m * frames + t] = (float) ((log + 4) / 4);
        }
        return max;
    }

    private static double[] periodicHann(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
        }
        return w;
    }
}

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
        double[] re = new double[N_FFT];
        double[] im = new double[N_FFT];
        double[] power = new double[BINS];
        Fft fft = new Fft(N_FFT);
        double max = Double.NEGATIVE_INFINITY;
        // Two real frames per complex FFT: frame t in the real part, frame t+1 in the imaginary.
        for (int t = 0; t < frames; t += 2) {
            boolean pair = t + 1 < frames;
            boolean silentA = loadFrame(samples, t, re);
            boolean silentB = pair ? loadFrame(samples, t + 1, im) : fillZero(im);
            if (silentA && silentB) {
                max = Math.max(max, store(out, frames, t, null));
                if (pair) {
                    max = Math.max(max, store(out, frames, t + 1, null));
                }
                continue;
            }
            fft.transform(re, im);
            for (int k = 0; k < BINS; k++) {
                int nk = k == 0 ? 0 : N_FFT - k;
                double sr = re[k] + re[nk], di = im[k] - im[nk];
                power[k] = (sr * sr + di * di) * 0.25;
            }
            max = Math.max(max, store(out, frames, t, power));
            if (pair) {
                for (int k = 0; k < BINS; k++) {
                    int nk = k == 0 ? 0 : N_FFT - k;
                    double si = im[k] + im[nk], dr = re[k] - re[nk];
                    power[k] = (si * si + dr * dr) * 0.25;
                }
                max = Math.max(max, store(out, frames, t + 1, power));
            }
        }
        // out holds (log10 + 4) / 4 already; the floor "max - 8" in those units is (max - 4) / 4.
        float floor = (float) ((max - 8 + 4) / 4);
        for (int i = 0; i < out.length; i++) {
            if (out[i] < floor) {
                out[i] = floor;
            }
        }
        return out;
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
    public record Spectrogram(int nMels, int frames, int contentFrames, float[] data) {
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
    private static boolean loadFrame(float[] x, int t, double[] dst) {
        int first = t * HOP - N_FFT / 2;
        int n = x.length;
        boolean silent = true;
        if (first >= 0 && first + N_FFT <= n) {
            for (int j = 0; j < N_FFT; j++) {
                float v = x[first + j];
                silent &= v == 0;
                dst[j] = v * HANN[j];
            }
        } else {
            for (int j = 0; j < N_FFT; j++) {
                float v = x[reflect(first + j, n)];
                silent &= v == 0;
                dst[j] = v * HANN[j];
            }
        }
        return silent;
    }

    private static void requireFinite(float[] samples) {
        for (int i = 0; i < samples.length; i++) {
            if (!Float.isFinite(samples[i])) {
                throw new AudioFormatException("audio sample " + i + " is " + samples[i] + "; samples must be finite");
            }
        }
    }

    /** numpy/torch "reflect" padding (the edge sample not repeated), iterated for short input. */
    static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int k = Math.floorMod(i, period);
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
    private double store(float[] out, int frames, int t, double[] power) {
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

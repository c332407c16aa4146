package io.github.asr4j.audio;

/**
 * The Slaney-style mel filter bank Whisper uses, computed as librosa's
 * {@code filters.mel(sr=16000, n_fft=400, n_mels=N)} does (htk=False, norm="slaney"): triangles
 * on the Slaney mel scale (linear below 1 kHz, logarithmic above), each scaled to unit area.
 *
 * <p>librosa returns float32, and openai-whisper's {@code mel_filters.npz} holds those float32
 * values; the weights here are computed in double and rounded once to float, so they match that
 * file (see the tests), then kept as double for the feature arithmetic.
 */
final class MelFilterBank {
    private static final double F_SP = 200.0 / 3;          // Hz per mel below 1 kHz
    private static final double MIN_LOG_HZ = 1000.0;
    private static final double MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
    private static final double LOG_STEP = Math.log(6.4) / 27.0;

    final int nMels;
    final int bins;
    /** weights[m * bins + k]. */
    final double[] weights;
    /** First and one-past-last non-zero bin of each filter, so the product can skip the zeros. */
    final int[] start;
    final int[] end;

    MelFilterBank(int sampleRate, int nFft, int nMels) {
        if (nMels < 1) {
            throw new IllegalArgumentException("nMels must be positive: " + nMels);
        }
        this.nMels = nMels;
        this.bins = nFft / 2 + 1;
        this.weights = new double[nMels * bins];
        this.start = new int[nMels];
        this.end = new int[nMels];

        // Band edges: nMels + 2 points evenly spaced in mel from 0 Hz to Nyquist (numpy.linspace).
        double minMel = hzToMel(0);
        double maxMel = hzToMel(sampleRate / 2.0);
        int points = nMels + 2;
        double step = (maxMel - minMel) / (points - 1);
        double[] edges = new double[points];
        for (int i = 0; i < points; i++) {
            edges[i] = melToHz(i == points - 1 ? maxMel : minMel + i * step);
        }
        double binHz = sampleRate / (double) nFft; // numpy.fft.rfftfreq spacing
        for (int m = 0; m < nMels; m++) {
            double lowerWidth = edges[m + 1] - edges[m];
            double upperWidth = edges[m + 2] - edges[m + 1];
            double norm = 2.0 / (edges[m + 2] - edges[m]); // Slaney: unit area per filter
            int first = bins;
            int last = -1;
            for (int k = 0; k < bins; k++) {
                double f = k * binHz;
                double rising = (f - edges[m]) / lowerWidth;
                double falling = (edges[m + 2] - f) / upperWidth;
                double w = Math.max(0, Math.min(rising, falling)) * norm;
                float rounded = (float) w;
                weights[m * bins + k] = rounded;
                if (rounded != 0) {
                    first = Math.min(first, k);
                    last = k;
                }
            }
            start[m] = last < 0 ? 0 : first;
            end[m] = last + 1;
        }
    }

    /** A copy of the weights as float32 [nMels, bins], as librosa returns them. */
    float[] toFloatArray() {
        float[] out = new float[weights.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) weights[i];
        }
        return out;
    }

    static double hzToMel(double hz) {
        return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP : hz / F_SP;
    }

    static double melToHz(double mel) {
        return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL)) : F_SP * mel;
    }
}

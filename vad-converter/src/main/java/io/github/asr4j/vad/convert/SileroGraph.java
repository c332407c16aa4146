package io.github.asr4j.vad.convert;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the converter expects of a Silero VAD (v5/v6) ONNX graph's 16 kHz branch: the parameter
 * tensors (PyTorch names and shapes, as asr4j's {@code SileroVad} reads them) and the operator
 * settings that asr4j's forward pass hard-codes. A file that differs in any of these is refused.
 */
final class SileroGraph {
    static final long SAMPLE_RATE = 16000;

    /** Parameter name to shape, in the order they are written. */
    static final Map<String, long[]> PARAMETERS = parameters();

    /** The STFT convolution: kernel 256 samples, hop 128. */
    static final long STFT_KERNEL = 256;
    static final long STFT_HOP = 128;
    /** Reflection padding of the 576-sample input on the right only. */
    static final List<Long> STFT_PADS = List.of(0L, 64L);
    /** The four encoder convolutions: kernel 3, padding 1, these strides. */
    static final List<Long> ENCODER_STRIDES = List.of(1L, 2L, 2L, 1L);
    static final long LSTM_HIDDEN = 128;

    private SileroGraph() {}

    private static Map<String, long[]> parameters() {
        Map<String, long[]> p = new LinkedHashMap<>();
        p.put("stft.forward_basis_buffer", new long[] {258, 1, 256});
        p.put("encoder.0.reparam_conv.weight", new long[] {128, 129, 3});
        p.put("encoder.0.reparam_conv.bias", new long[] {128});
        p.put("encoder.1.reparam_conv.weight", new long[] {64, 128, 3});
        p.put("encoder.1.reparam_conv.bias", new long[] {64});
        p.put("encoder.2.reparam_conv.weight", new long[] {64, 64, 3});
        p.put("encoder.2.reparam_conv.bias", new long[] {64});
        p.put("encoder.3.reparam_conv.weight", new long[] {128, 64, 3});
        p.put("encoder.3.reparam_conv.bias", new long[] {128});
        p.put("decoder.rnn.weight_ih", new long[] {512, 128});
        p.put("decoder.rnn.weight_hh", new long[] {512, 128});
        p.put("decoder.rnn.bias_ih", new long[] {512});
        p.put("decoder.rnn.bias_hh", new long[] {512});
        p.put("decoder.decoder.2.weight", new long[] {1, 128, 1});
        p.put("decoder.decoder.2.bias", new long[] {1});
        return Collections.unmodifiableMap(p);
    }
}

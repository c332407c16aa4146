package io.github.asr4j.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The FLOP and byte counts of the {@code mini} profile against hand arithmetic:
 * d = 64, heads = 4 (head dim 16), ffn = 256, T = 1500 audio frames (3000 mel frames), 80 mels,
 * vocab 51865, all weights F32. Conventions (OpCosts): matmul 2·m·n·k, bias adds not counted;
 * LayerNorm 8 and GELU 8 FLOPs per element, residual add 1; attention per score and head
 * 4·headDim (Q·Kᵀ and P·V) + 5 (softmax) = 69. Ops are named by the profiling backend after their
 * block and role ({@code self_attn.qkv}: the Q, K and V projections in one span).
 */
class FlopCountTest {

    private static Map<String, ProfileEvent> ops(ProfileEvent layer) {
        Map<String, ProfileEvent> byName = new LinkedHashMap<>();
        for (ProfileEvent e : MiniProfile.get().children(layer)) {
            byName.putIfAbsent(e.name(), e);
        }
        return byName;
    }

    private static List<ProfileEvent> layers(String name) {
        return MiniProfile.get().events().stream().filter(e -> e.level() == SpanLevel.LAYER && e.name().equals(name))
                .toList();
    }

    @Test
    void encoderStem() {
        Map<String, ProfileEvent> stem = ops(layers("encoder.conv").get(0));
        // conv1 computes 3000 + 2 rows: padded by 2, it also yields conv2's two zero padding rows (zeroed after)
        assertThat(stem.get("conv1").flops()).isEqualTo(2L * 3002 * 64 * 80 * 3);            //  92,221,440
        assertThat(stem.get("conv1").flops()).isEqualTo(92_221_440L);
        assertThat(stem.get("conv2").flops()).isEqualTo(2L * 1500 * 64 * 64 * 3);             //  36,864,000
        // conv1 bytes: weights 64·80·3·4 = 61,440; bias 256; mel 3000·80·4 = 960,000; out 3002·64·4 = 768,512
        assertThat(stem.get("conv1").bytes()).isEqualTo(61_440L + 256 + 960_000 + 768_512);
        assertThat(stem.get("residual").flops()).isEqualTo(1500L * 64);               //      96,000
    }

    @Test
    void encoderLayer() {
        Map<String, ProfileEvent> l = ops(layers("encoder.layers.0").get(0));
        assertThat(l.get("self_attn.layer_norm").flops()).isEqualTo(8L * 1500 * 64);        //     768,000
        assertThat(l.get("self_attn.qkv").flops()).isEqualTo(3 * 2L * 1500 * 64 * 64);      //  36,864,000
        // 1500 × 1500 scores per head, 4 heads, 69 FLOPs each
        assertThat(l.get("self_attn.attention").flops()).isEqualTo(1500L * 1500 * 4 * 69); // 621,000,000
        assertThat(l.get("self_attn.attention").flops()).isEqualTo(621_000_000L);
        assertThat(l.get("self_attn.out_proj").flops()).isEqualTo(2L * 1500 * 64 * 64);     //  12,288,000
        assertThat(l.get("mlp.fc1").flops()).isEqualTo(2L * 1500 * 64 * 256);                   //  49,152,000
        assertThat(l.get("mlp.gelu").flops()).isEqualTo(8L * 1500 * 256);                        //   3,072,000
        assertThat(l.get("mlp.fc2").flops()).isEqualTo(49_152_000L);
        assertThat(l.get("self_attn.residual").flops()).isEqualTo(96_000L);
        // fc1 bytes: weights 256·64·4 = 65,536; bias 1,024; x 1500·64·4 = 384,000; y 1500·256·4 = 1,536,000
        assertThat(l.get("mlp.fc1").bytes()).isEqualTo(65_536L + 1_024 + 384_000 + 1_536_000);
        // attention bytes: Q, out, K, V each 1500·64·4 = 384,000
        assertThat(l.get("self_attn.attention").bytes()).isEqualTo(4 * 384_000L);
        // the whole layer: 768,000·2 + 36,864,000 + 621,000,000 + 12,288,000 + 96,000·2 + 49,152,000·2 + 3,072,000
        assertThat(layers("encoder.layers.0").get(0).flops()).isEqualTo(773_256_000L);
    }

    @Test
    void decoderPromptStepAndSingleTokenStep() {
        List<ProfileEvent> layer0 = layers("decoder.layers.0");
        // [0] is the cross-attention K/V projection of the window, [1] the 4-token prompt, [2] the next token
        assertThat(ops(layer0.get(0)).get("encoder_attn.qkv").flops()).isEqualTo(2 * 2L * 1500 * 64 * 64); // 24,576,000

        Map<String, ProfileEvent> prompt = ops(layer0.get(1));
        assertThat(prompt.get("self_attn.qkv").flops()).isEqualTo(3 * 2L * 4 * 64 * 64);    //      98,304
        // causal, no past: 1 + 2 + 3 + 4 = 10 scores per head
        assertThat(prompt.get("self_attn.attention").flops()).isEqualTo(10L * 4 * 69);      //       2,760
        assertThat(prompt.get("encoder_attn.qkv").flops()).isEqualTo(2L * 4 * 64 * 64);       //      32,768
        assertThat(prompt.get("encoder_attn.attention").flops()).isEqualTo(4L * 1500 * 4 * 69); // 1,656,000
        assertThat(prompt.get("mlp.fc1").flops()).isEqualTo(2L * 4 * 64 * 256);                 //     131,072

        Map<String, ProfileEvent> next = ops(layer0.get(2));
        // one query at position 4 sees keys 0..4: 5 scores per head
        assertThat(next.get("self_attn.attention").flops()).isEqualTo(5L * 4 * 69);         //       1,380
        assertThat(next.get("encoder_attn.attention").flops()).isEqualTo(1500L * 4 * 69);   //     414,000

        // logits of the last position only: 2 · 1 · 64 · 51865; weights 51865·64·4 bytes
        Map<String, ProfileEvent> head = ops(layers("decoder.logits").get(0));
        assertThat(head.get("logits").flops()).isEqualTo(6_638_720L);
        assertThat(head.get("logits").bytes()).isEqualTo(51_865L * 64 * 4 + 64 * 4 + 51_865L * 4);
        assertThat(ops(layers("decoder.embed").get(0)).get("residual").flops()).isEqualTo(4L * 64);
    }

    @Test
    void achievedRatesAreFlopsAndBytesOverWallTime() {
        ProfileEvent fc1 = ops(layers("encoder.layers.0").get(0)).get("mlp.fc1");
        assertThat(fc1.durationNanos()).isPositive();
        assertThat(fc1.gflops()).isEqualTo((double) fc1.flops() / fc1.durationNanos());
        assertThat(fc1.gbPerSecond()).isEqualTo((double) fc1.bytes() / fc1.durationNanos());
    }
}

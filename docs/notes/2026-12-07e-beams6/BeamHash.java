package io.github.asr4j.bench;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.BufferType;
import io.github.asr4j.kernels.WeightFormat;
import io.github.asr4j.model.DecoderSession;
import io.github.asr4j.model.WhisperModel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * beams6's bit check (a probe, not built by Maven): five beams of the card checkpoint (F16 weights, F16 KV cache)
 * stepped together for a few steps with different tokens per beam, and each beam's sequence stepped alone; prints
 * a hash of every beam's logits of every step (together) and whether each equals its one-session step bit for bit.
 * Args: card-f16 folder, threads.
 */
public final class BeamHash {
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        int[] prompt = {50258, 50259, 50359, 50363};
        try (Backend backend = Backends.cpu(threads, WeightFormat.STORED);
             WhisperModel model = WhisperModel.load(dir, backend, BufferType.F16)) {
            float[] audio = model.encode(DecoderStepFigures.constantMel(model));
            DecoderSession[] beams = new DecoderSession[5];
            DecoderSession[] alone = new DecoderSession[5];
            beams[0] = model.newSession(audio);
            beams[0].step(prompt);
            for (int i = 1; i < 5; i++) {
                beams[i] = beams[0].copy();
            }
            for (int i = 0; i < 5; i++) {
                alone[i] = beams[0].copy();
            }
            long hash = 1;
            int differ = 0;
            for (int s = 0; s < 6; s++) {
                int[] tokens = new int[5];
                for (int i = 0; i < 5; i++) {
                    tokens[i] = 440 + 37 * i + 11 * s;
                }
                float[][] together = DecoderSession.stepBatch(beams, tokens);
                for (int i = 0; i < 5; i++) {
                    float[] one = alone[i].step(new int[] {tokens[i]});
                    hash = 31 * hash + Arrays.hashCode(together[i]);
                    if (!Arrays.equals(together[i], one)) {
                        differ++;
                    }
                }
            }
            System.out.printf("threads %d: hash of 5 beams x 6 steps of logits %016x; rows differing from the one-session step: %d of 30%n",
                    threads, hash, differ);
        }
    }
}

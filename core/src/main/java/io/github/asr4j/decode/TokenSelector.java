package io.github.asr4j.decode;

import java.util.List;

/**
 * How the next tokens are chosen from the logits of the sequences decoded together in one window
 * (openai-whisper's {@code TokenDecoder}): greedy or sampled candidates ({@link GreedyDecoder}),
 * or beams ({@link BeamSearchDecoder}). One object per window decode; {@link DecodingLoop} drives it.
 */
interface TokenSelector {

    /** How many sequences start from the prompt (all of them copies of its state). */
    int width();

    /** The tokens chosen so far by live sequence {@code row}, after the prompt (what the filters see). */
    int[] sequence(int row);

    /**
     * Chooses from {@code logits[row]}, the filtered next-token logits of each live sequence
     * (openai's {@code update}).
     */
    Choice update(float[][] logits);

    /** The candidates once decoding stops, in the order the ranker should see them (openai's {@code finalize}). */
    List<DecodeResult> finish();

    /**
     * The live sequences after a step: row {@code i} continues old row {@code sources[i]} by feeding
     * {@code tokens[i]}; none left, or {@code completed}, ends the window.
     */
    record Choice(int[] sources, int[] tokens, boolean completed) {
        boolean ended() {
            return completed || sources.length == 0;
        }
    }
}

package io.github.asr4j.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * openai-whisper's {@code BeamSearchDecoder} for one audio window.
 *
 * <p>Each step every live beam proposes its {@code beamSize + 1} most likely continuations
 * (cumulative log-probability of the filtered logits); equal sequences merge. Going through the
 * proposals from the most probable down, a continuation ending in end-of-text is set aside as
 * finished, any other becomes a live beam, until {@code beamSize} beams live again. The finished
 * ones join the candidate list, best first, while it holds fewer than
 * {@code round(beamSize * patience)}; the search stops when it is full, at the token budget, or at
 * the context limit. If fewer than {@code beamSize} candidates finished, the live beams fill up the
 * list, best first (ties: the later beam first, as openai's reversed argsort).
 *
 * <p>As in openai the live beams step as one batch ({@link DecodingLoop}); where openai reorders
 * its KV cache, a beam continued by one successor hands its {@link DecoderState} over and a beam
 * continued by several is forked. Among proposals with equal log-probability the lower token id
 * comes first (torch's topk leaves that order unspecified).
 */
public final class BeamSearchDecoder {
    private final int beamSize;
    private final int maxCandidates;
    private final List<LogitFilter> filters;
    private final int endOfText;

    /** @param patience null or 0 means 1.0, as in openai ({@code patience or 1.0}) */
    public BeamSearchDecoder(int beamSize, Double patience, List<LogitFilter> filters, int endOfText) {
        if (beamSize < 1) {
            throw new IllegalArgumentException("beam size must be at least 1, got " + beamSize);
        }
        double p = patience == null || patience == 0.0 ? 1.0 : patience;
        this.maxCandidates = (int) Math.rint(beamSize * p); // Python's round: half to even
        if (maxCandidates <= 0) {
            throw new IllegalArgumentException("Invalid beam size (" + beamSize + ") or patience (" + patience + ")");
        }
        this.beamSize = beamSize;
        this.filters = List.copyOf(filters);
        this.endOfText = endOfText;
    }

    public int maxCandidates() {
        return maxCandidates;
    }

    private record Beam(int[] tokens, double sumLogProb) {}

    private record Proposal(int[] tokens, double score, int source) {}

    /**
     * @param state a decoder fed the prompt already; it becomes one beam's state
     * @param firstLogits the logits after the prompt (not modified)
     * @param maxTokens the most search steps (openai's {@code sample_len})
     * @param contextLeft positions the network has after the prompt (one more token may be chosen)
     * @return the candidates in openai's order: finished ones as they finished, then any filled up;
     *     their tokens exclude end-of-text
     */
    public List<DecodeResult> search(DecoderState state, float[] firstLogits, int maxTokens, int contextLeft) {
        return DecodingLoop.run(state, firstLogits, new Search(), filters, maxTokens, contextLeft);
    }

    /** The beams and finished candidates of one search. */
    private final class Search implements TokenSelector {
        private List<Beam> beams = Collections.nCopies(beamSize, new Beam(new int[0], 0.0));
        private final LinkedHashMap<List<Integer>, DecodeResult> finished = new LinkedHashMap<>();

        @Override
        public int width() {
            return beamSize;
        }

        @Override
        public int[] sequence(int row) {
            return beams.get(row).tokens();
        }

        @Override
        public Choice update(float[][] logits) {
            List<Proposal> ranked = new ArrayList<>(propose(beams, logits).values());
            ranked.sort((a, b) -> Double.compare(b.score(), a.score())); // stable, as Python's sorted

            List<Proposal> newlyFinished = new ArrayList<>();
            List<Proposal> kept = new ArrayList<>();
            for (Proposal p : ranked) {
                if (p.tokens()[p.tokens().length - 1] == endOfText) {
                    newlyFinished.add(p);
                } else {
                    kept.add(p);
                    if (kept.size() == beamSize) {
                        break;
                    }
                }
            }
            // newlyFinished is already best first (a sublist of the ranked order)
            for (Proposal p : newlyFinished) {
                if (finished.size() >= maxCandidates) {
                    break;
                }
                int[] text = Arrays.copyOf(p.tokens(), p.tokens().length - 1);
                finished.put(asList(p.tokens()), new DecodeResult(text, p.score(), true));
            }
            int[] sources = new int[kept.size()];
            int[] tokens = new int[kept.size()];
            List<Beam> next = new ArrayList<>(kept.size());
            for (int i = 0; i < sources.length; i++) {
                Proposal p = kept.get(i);
                sources[i] = p.source();
                tokens[i] = p.tokens()[p.tokens().length - 1];
                next.add(new Beam(p.tokens(), p.score()));
            }
            beams = next;
            return new Choice(sources, tokens, finished.size() >= maxCandidates);
        }

        /** Fewer than {@code beamSize} finished: the live beams fill up, best first. */
        @Override
        public List<DecodeResult> finish() {
            if (finished.size() < beamSize) {
                Integer[] order = new Integer[beams.size()];
                for (int j = 0; j < order.length; j++) {
                    order[j] = j;
                }
                Arrays.sort(order, (a, b) -> Double.compare(beams.get(a).sumLogProb(), beams.get(b).sumLogProb()));
                for (int k = order.length - 1; k >= 0; k--) {
                    Beam beam = beams.get(order[k]);
                    int[] withEnd = Arrays.copyOf(beam.tokens(), beam.tokens().length + 1);
                    withEnd[withEnd.length - 1] = endOfText;
                    finished.put(asList(withEnd), new DecodeResult(beam.tokens(), beam.sumLogProb(), false));
                    if (finished.size() >= beamSize) {
                        break;
                    }
                }
            }
            return List.copyOf(finished.values());
        }
    }

    /**
     * STEP 1 of openai: the top {@code beamSize + 1} continuations of every beam (its logits
     * filtered already), merged by sequence.
     */
    private LinkedHashMap<List<Integer>, Proposal> propose(List<Beam> beams, float[][] beamLogits) {
        LinkedHashMap<List<Integer>, Proposal> proposals = new LinkedHashMap<>();
        for (int j = 0; j < beams.size(); j++) {
            Beam beam = beams.get(j);
            float[] logits = beamLogits[j];
            double logNorm = Logits.logSumExp(logits, 0, logits.length);
            for (int token : topK(logits, beamSize + 1)) {
                int[] sequence = Arrays.copyOf(beam.tokens(), beam.tokens().length + 1);
                sequence[sequence.length - 1] = token;
                double score = beam.sumLogProb() + (logits[token] - logNorm);
                // a repeated sequence keeps its first place but takes the later source, as a Python dict
                proposals.put(asList(sequence), new Proposal(sequence, score, j));
            }
        }
        return proposals;
    }

    /** Indices of the k largest values, largest first; lower index first among equals. */
    static int[] topK(float[] values, int k) {
        int n = Math.min(k, values.length);
        int[] top = new int[n];
        int size = 0;
        for (int i = 0; i < values.length && n > 0; i++) {
            if (size == n) {
                // only a value above the k-th kept one enters the list: skip to the next such value
                i = Logits.firstAbove(values, i, values.length, values[top[n - 1]]);
                if (i == values.length) {
                    break;
                }
            }
            float v = values[i];
            int pos = size < n ? size++ : n - 1;
            while (pos > 0 && v > values[top[pos - 1]]) {
                top[pos] = top[pos - 1];
                pos--;
            }
            top[pos] = i;
        }
        return top;
    }

    private static List<Integer> asList(int[] tokens) {
        List<Integer> list = new ArrayList<>(tokens.length);
        for (int t : tokens) {
            list.add(t);
        }
        return list;
    }
}

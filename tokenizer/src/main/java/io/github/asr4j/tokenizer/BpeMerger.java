package io.github.asr4j.tokenizer;

import java.util.Arrays;

/**
 * Byte-pair merging of one pre-token: repeatedly merges the adjacent pair of lowest rank, the leftmost
 * one on ties (what Hugging Face's BPE and tiktoken both do). Short words use a direct scan; long ones
 * a heap with lazy deletion so a megabyte-long word stays O(n log n).
 */
final class BpeMerger {
    /** Below this length a linear scan per merge beats the heap's bookkeeping. */
    private static final int SCAN_LIMIT = 48;

    private final MergeTable merges;

    BpeMerger(MergeTable merges) {
        this.merges = merges;
    }

    /** Merges {@code symbols} (token ids, normally one per byte) and returns the resulting ids. */
    int[] merge(int[] symbols) {
        if (symbols.length < 2) return symbols.clone();
        return symbols.length <= SCAN_LIMIT ? mergeByScan(symbols.clone()) : mergeByHeap(symbols);
    }

    private int[] mergeByScan(int[] ids) {
        int n = ids.length;
        int[] ranks = new int[n];       // ranks[i]: rank of (ids[i], ids[i+1]); last slot unused
        for (int i = 0; i + 1 < n; i++) ranks[i] = rankOrMax(ids[i], ids[i + 1]);
        while (n > 1) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < n; i++) {
                if (ranks[i] < bestRank) {
                    bestRank = ranks[i];
                    best = i;
                }
            }
            if (best < 0) break;
            ids[best] = merges.mergedId(ids[best], ids[best + 1]);
            System.arraycopy(ids, best + 2, ids, best + 1, n - best - 2);
            System.arraycopy(ranks, best + 2, ranks, best + 1, n - best - 2);
            n--;
            if (best > 0) ranks[best - 1] = rankOrMax(ids[best - 1], ids[best]);
            ranks[best] = best + 1 < n ? rankOrMax(ids[best], ids[best + 1]) : Integer.MAX_VALUE;
        }
        return Arrays.copyOf(ids, n);
    }

    private int rankOrMax(int left, int right) {
        int r = merges.rank(left, right);
        return r == MergeTable.ABSENT ? Integer.MAX_VALUE : r;
    }

    private int[] mergeByHeap(int[] symbols) {
        int n = symbols.length;
        int[] ids = symbols.clone();
        int[] prev = new int[n];
        int[] next = new int[n];
        for (int i = 0; i < n; i++) {
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
        }
        LongHeap heap = new LongHeap(n);
        for (int i = 0; i + 1 < n; i++) push(heap, ids, i, i + 1);
        int alive = n;
        while (!heap.isEmpty()) {
            long top = heap.pop();
            int rank = (int) (top >>> 32);
            int pos = (int) top;
            int right = next[pos];
            if (ids[pos] < 0 || right < 0 || merges.rank(ids[pos], ids[right]) != rank) continue; // stale
            ids[pos] = merges.mergedId(ids[pos], ids[right]);
            ids[right] = -1;
            int after = next[right];
            next[pos] = after;
            if (after >= 0) prev[after] = pos;
            alive--;
            if (prev[pos] >= 0) push(heap, ids, prev[pos], pos);
            if (after >= 0) push(heap, ids, pos, after);
        }
        int[] out = new int[alive];
        int k = 0;
        for (int i = 0; i >= 0; i = next[i]) out[k++] = ids[i];
        return out;
    }

    private void push(LongHeap heap, int[] ids, int left, int right) {
        int rank = merges.rank(ids[left], ids[right]);
        if (rank != MergeTable.ABSENT) heap.push(((long) rank << 32) | left);
    }

    /** A binary min-heap of longs; (rank << 32 | position) orders by rank, then leftmost position. */
    private static final class LongHeap {
        private long[] items;
        private int size;

        LongHeap(int capacity) {
            items = new long[Math.max(4, capacity)];
        }

        boolean isEmpty() {
            return size == 0;
        }

        void push(long v) {
            if (size == items.length) items = Arrays.copyOf(items, size * 2);
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (items[parent] <= v) break;
                items[i] = items[parent];
                i = parent;
            }
            items[i] = v;
        }

        long pop() {
            long top = items[0];
            long last = items[--size];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) break;
                if (child + 1 < size && items[child + 1] < items[child]) child++;
                if (items[child] >= last) break;
                items[i] = items[child];
                i = child;
            }
            items[i] = last;
            return top;
        }
    }
}

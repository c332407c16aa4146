package io.github.asr4j.tokenizer;

/**
 * Merge ranks keyed by a pair of token ids: an open-addressing hash table on primitive arrays, so a
 * lookup in the BPE inner loop costs no allocation. Immutable once built.
 */
final class MergeTable {
    static final int ABSENT = -1;
    private static final long EMPTY = -1L;

    private final long[] keys;
    private final int[] ranks;
    private final int[] merged;
    private final int mask;
    private final int size;

    private MergeTable(long[] keys, int[] ranks, int[] merged, int size) {
        this.keys = keys;
        this.ranks = ranks;
        this.merged = merged;
        this.mask = keys.length - 1;
        this.size = size;
    }

    int size() {
        return size;
    }

    /** The rank of merging {@code left} then {@code right}, or {@link #ABSENT}. */
    int rank(int left, int right) {
        int slot = find(key(left, right));
        return slot < 0 ? ABSENT : ranks[slot];
    }

    /** The id the merge of {@code left} and {@code right} produces; call only for a present pair. */
    int mergedId(int left, int right) {
        int slot = find(key(left, right));
        return slot < 0 ? ABSENT : merged[slot];
    }

    private int find(long key) {
        int slot = hash(key) & mask;
        while (true) {
            long k = keys[slot];
            if (k == key) return slot;
            if (k == EMPTY) return -1;
            slot = (slot + 1) & mask;
        }
    }

    private static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29) ^ (h >>> 41));
    }

    /** Collects merges in rank order; the first occurrence of a pair keeps its rank. */
    static final class Builder {
        private long[] keys = new long[0];
        private int[] lefts = new int[1024];
        private int[] rights = new int[1024];
        private int[] results = new int[1024];
        private int count;

        void add(int left, int right, int result) {
            if (count == lefts.length) {
                lefts = java.util.Arrays.copyOf(lefts, count * 2);
                rights = java.util.Arrays.copyOf(rights, count * 2);
                results = java.util.Arrays.copyOf(results, count * 2);
            }
            lefts[count] = left;
            rights[count] = right;
            results[count] = result;
            count++;
        }

        MergeTable build() {
            int capacity = Integer.highestOneBit(Math.max(16, count * 3)) << 1;
            keys = new long[capacity];
            java.util.Arrays.fill(keys, EMPTY);
            int[] ranks = new int[capacity];
            int[] merged = new int[capacity];
            int mask = capacity - 1;
            int stored = 0;
            for (int r = 0; r < count; r++) {
                long key = key(lefts[r], rights[r]);
                int slot = hash(key) & mask;
                while (keys[slot] != EMPTY && keys[slot] != key) {
                    slot = (slot + 1) & mask;
                }
                if (keys[slot] == EMPTY) {
                    keys[slot] = key;
                    ranks[slot] = r;
                    merged[slot] = results[r];
                    stored++;
                }
            }
            return new MergeTable(keys, ranks, merged, stored);
        }
    }
}

package io.github.asr4j.audio;

import java.util.Arrays;

/**
 * A growable float array. Decoders append into it instead of allocating what a header declares,
 * so a forged length costs at most what the file really holds.
 */
final class SampleBuffer {
    private float[] data;
    private int size;

    SampleBuffer(long capacityHint) {
        data = new float[(int) Math.max(16, Math.min(capacityHint, 1 << 20))];
    }

    void add(float v) {
        if (size == data.length) {
            grow();
        }
        data[size++] = v;
    }

    void add(float[] values, int n) {
        while (data.length - size < n) {
            grow();
        }
        System.arraycopy(values, 0, data, size, n);
        size += n;
    }

    int size() {
        return size;
    }

    float[] toArray() {
        return size == data.length ? data : Arrays.copyOf(data, size);
    }

    private void grow() {
        if (data.length >= Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("audio too long for one Java array (" + size + " samples)");
        }
        data = Arrays.copyOf(data, (int) Math.min((long) data.length * 2, Integer.MAX_VALUE - 8));
    }
}

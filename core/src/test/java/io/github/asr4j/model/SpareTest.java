package io.github.asr4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SpareTest {

    @Test
    void theObjectHandedBackIsTakenNextAndATakenOneIsNotHandedOutTwice() {
        Spare<int[]> spare = new Spare<>();
        AtomicInteger made = new AtomicInteger();
        int[] first = spare.take(() -> new int[made.incrementAndGet()]);
        assertThat(made).hasValue(1);
        spare.release(first);
        assertThat(spare.take(() -> new int[made.incrementAndGet()])).isSameAs(first);
        assertThat(made).hasValue(1);

        // first is taken: a second user gets its own, and whichever is handed back last is kept
        int[] second = spare.take(() -> new int[made.incrementAndGet()]);
        assertThat(second).isNotSameAs(first);
        assertThat(made).hasValue(2);
        spare.release(first);
        spare.release(second);
        assertThat(spare.take(() -> new int[made.incrementAndGet()])).isSameAs(second);
        assertThat(spare.take(() -> new int[made.incrementAndGet()])).isNotSameAs(first).isNotSameAs(second);
        assertThat(made).hasValue(3);
    }
}

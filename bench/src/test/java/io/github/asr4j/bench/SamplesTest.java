package io.github.asr4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The JIT-settled warm-up of {@link Samples#medianSecondsSettled}, with a scripted compiler clock. */
class SamplesTest {
    /**
     * Runs of 1 s each; run i (from 0) advances the compiler clock by {@code jitMs[i]} ms (0 past the end);
     * every run's index is recorded.
     */
    private record Script(long[] jitMs, AtomicLong clock, List<Integer> ran) implements Samples.TimedRun {
        Script(long... jitMs) {
            this(jitMs, new AtomicLong(), new ArrayList<>());
        }

        @Override
        public double seconds() {
            int i = ran.size();
            ran.add(i);
            clock.addAndGet(i < jitMs.length ? jitMs[i] : 0);
            return 1.0 + i / 1000.0;   // about 1 s, distinct: the median says which runs were timed
        }
    }

    @Test
    void warmsUpUntilARunCompilesLessThanItsShareThenTimesTheNextRuns() {
        // ~1 s runs: ~20 ms of compiling is the 2 % limit; runs 0-2 compile more, run 3 less
        Script s = new Script(400, 90, 21, 19, 500, 7, 3);
        Samples.Settled r = Samples.medianSecondsSettled(1, 9, 3, s, s.clock()::get);

        assertThat(r.warmups()).isEqualTo(4);
        assertThat(r.medianSeconds()).isEqualTo(1.005);        // runs 4, 5, 6 timed
        assertThat(r.jitMsWhileTimed()).isEqualTo(510.0);      // 500 + 7 + 3
        assertThat(s.ran()).hasSize(7);
    }

    @Test
    void takesAtLeastTheAskedWarmupsEvenWhenTheCompilersAreQuiet() {
        Script s = new Script();
        Samples.Settled r = Samples.medianSecondsSettled(3, 9, 1, s, s.clock()::get);

        assertThat(r.warmups()).isEqualTo(3);
        assertThat(r.medianSeconds()).isEqualTo(1.003);        // run 3
        assertThat(r.jitMsWhileTimed()).isZero();
    }

    @Test
    void stopsWarmingUpAtTheMostWhileTheCompilersNeverRest() {
        Script s = new Script(100, 100, 100, 100, 100, 100, 100);
        Samples.Settled r = Samples.medianSecondsSettled(1, 4, 1, s, s.clock()::get);

        assertThat(r.warmups()).isEqualTo(4);
        assertThat(r.jitMsWhileTimed()).isEqualTo(100.0);     // the timed run 4 compiled too, and says so
    }

    @Test
    void noWarmupAskedForIsAColdMeasurement() {
        Script s = new Script(400);
        Samples.Settled r = Samples.medianSecondsSettled(0, 0, 1, s, s.clock()::get);

        assertThat(r.warmups()).isZero();
        assertThat(r.medianSeconds()).isEqualTo(1.0);          // run 0
        assertThat(r.jitMsWhileTimed()).isEqualTo(400.0);
    }

    @Test
    void withoutACompilerClockTakesExactlyTheAskedWarmups() {
        Script s = new Script(400, 400, 400);
        Samples.Settled r = Samples.medianSecondsSettled(2, 9, 1, s, null);

        assertThat(r.warmups()).isEqualTo(2);
        assertThat(r.jitMsWhileTimed()).isEqualTo(-1);
    }

    @Test
    void refusesImpossibleCounts() {
        Script s = new Script();
        assertThatThrownBy(() -> Samples.medianSecondsSettled(3, 2, 1, s, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minWarmups 3, maxWarmups 2");
        assertThatThrownBy(() -> Samples.medianSecondsSettled(1, 2, 0, s, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runs 0");
        assertThat(s.ran()).isEmpty();
    }
}

package io.github.asr4j.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Expected values from openai's format_timestamp and Python's round(x * 1000.0). */
class TimestampsTest {
    @Test
    void roundsTheMillisecondProductHalfToEven() {
        assertThat(Timestamps.milliseconds(1.0005)).isEqualTo(1000); // the product is exactly 1000.5: half to even
        assertThat(Timestamps.milliseconds(0.0025)).isEqualTo(2); // exactly 2.5 -> even
        assertThat(Timestamps.milliseconds(0.0035)).isEqualTo(4); // 3.5 -> even
        assertThat(Timestamps.milliseconds(2.28)).isEqualTo(2280); // 2280.0
        assertThat(Timestamps.milliseconds(2.0005)).isEqualTo(2001); // 2000.5000000000002: not a tie, up
        assertThat(Timestamps.milliseconds(1.2345)).isEqualTo(1234); // exactly 1234.5: even, down
    }

    @Test
    void formatsLikeOpenai() {
        assertThat(Timestamps.format(0, false, '.')).isEqualTo("00:00.000");
        assertThat(Timestamps.format(0, true, ',')).isEqualTo("00:00:00,000");
        assertThat(Timestamps.format(3599.9996, false, '.')).isEqualTo("01:00:00.000");
        assertThat(Timestamps.format(3599.9994, false, '.')).isEqualTo("59:59.999");
        assertThat(Timestamps.format(360000.0, true, ',')).isEqualTo("100:00:00,000");
    }
}

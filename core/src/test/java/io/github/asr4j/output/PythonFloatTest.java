package io.github.asr4j.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Expected strings are Python 3.11's repr / json.dumps of the same doubles. */
class PythonFloatTest {
    @Test
    void matchesPythonRepr() {
        assertThat(PythonFloat.repr(0.0)).isEqualTo("0.0");
        assertThat(PythonFloat.repr(-0.0)).isEqualTo("-0.0");
        assertThat(PythonFloat.repr(100.0)).isEqualTo("100.0");
        assertThat(PythonFloat.repr(123.456)).isEqualTo("123.456");
        assertThat(PythonFloat.repr(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(PythonFloat.repr(1.0 / 3)).isEqualTo("0.3333333333333333");
        assertThat(PythonFloat.repr(0.0001)).isEqualTo("0.0001");
        assertThat(PythonFloat.repr(0.00012345)).isEqualTo("0.00012345");
        assertThat(PythonFloat.repr(1e-05)).isEqualTo("1e-05");
        assertThat(PythonFloat.repr(1.5e-05)).isEqualTo("1.5e-05");
        assertThat(PythonFloat.repr(-1e-10)).isEqualTo("-1e-10");
        assertThat(PythonFloat.repr(1e-7)).isEqualTo("1e-07");
        assertThat(PythonFloat.repr(1e15)).isEqualTo("1000000000000000.0");
        assertThat(PythonFloat.repr(1234567890123456.0)).isEqualTo("1234567890123456.0");
        assertThat(PythonFloat.repr(1e16)).isEqualTo("1e+16");
        assertThat(PythonFloat.repr(12345678901234567.0)).isEqualTo("1.2345678901234568e+16");
        assertThat(PythonFloat.repr(1e22)).isEqualTo("1e+22");
        assertThat(PythonFloat.repr(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e+308");
        assertThat(PythonFloat.repr(Double.MIN_NORMAL)).isEqualTo("2.2250738585072014e-308");
        assertThat(PythonFloat.repr(3723.9995)).isEqualTo("3723.9995");
    }

    @Test
    void nonFiniteValuesAsPythonsJson() {
        assertThat(PythonFloat.repr(Double.NaN)).isEqualTo("NaN");
        assertThat(PythonFloat.repr(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(PythonFloat.repr(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    }
}

package io.github.asr4j.output;

import java.math.BigDecimal;

/**
 * Python's {@code repr(float)}, which {@code json.dump} writes for every float. Both Python and
 * Java print the shortest decimal that reads back as the same double; they differ in layout:
 * Python writes positional notation for decimal exponents -4..15 ({@code 0.0001}, {@code 1e-05},
 * {@code 1234567890123456.0}, {@code 1e+16}) where Java switches at 1e-3 and 1e7 ({@code 1.0E-5}).
 */
final class PythonFloat {
    private PythonFloat() {}

    static String repr(double value) {
        if (Double.isNaN(value)) return "NaN";
        if (Double.isInfinite(value)) return value > 0 ? "Infinity" : "-Infinity";
        if (value == 0) return (1 / value < 0) ? "-0.0" : "0.0";
        // Java's Double.toString gives the shortest round-trip digits (JDK 19+); only re-lay them out.
        BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        // value = 0.d1d2d3... * 10^decimalPoint, as in Python's float_repr
        int decimalPoint = digits.length() - shortest.scale();
        StringBuilder out = new StringBuilder(value < 0 ? "-" : "");
        if (decimalPoint > -4 && decimalPoint <= 16) {
            if (decimalPoint <= 0) {
                out.append("0.").append("0".repeat(-decimalPoint)).append(digits);
            } else if (decimalPoint >= digits.length()) {
                out.append(digits).append("0".repeat(decimalPoint - digits.length())).append(".0");
            } else {
                out.append(digits, 0, decimalPoint).append('.').append(digits, decimalPoint, digits.length());
            }
        } else {
            out.append(digits.charAt(0));
            if (digits.length() > 1) out.append('.').append(digits, 1, digits.length());
            int exponent = decimalPoint - 1;
            out.append('e').append(exponent < 0 ? '-' : '+');
            int magnitude = Math.abs(exponent);
            if (magnitude < 10) out.append('0');
            out.append(magnitude);
        }
        return out.toString();
    }
}

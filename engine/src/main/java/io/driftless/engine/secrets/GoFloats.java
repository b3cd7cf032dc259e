package io.driftless.engine.secrets;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Floating-point text exactly as Go's {@code strconv} writes and reads it, since SOPS encrypts and
 * hashes floats in that form: the shortest decimal that reads back as the same double.
 */
final class GoFloats {
  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

  private GoFloats() {}

  /** {@code strconv.FormatFloat(v, 'f', -1, 64)}: no exponent; what SOPS encrypts and hashes. */
  static String formatF(double v) {
    String special = special(v);
    if (special != null) {
      return special;
    }
    return shortest(v).toPlainString();
  }

  /** {@code strconv.FormatFloat(v, 'g', -1, 64)}: what Go's YAML encoder writes. */
  static String formatG(double v) {
    String special = special(v);
    if (special != null) {
      return special;
    }
    BigDecimal d = shortest(v);
    int exp = d.precision() - d.scale() - 1;
    if (exp < -4 || exp >= 6) {
      return exponent(d, exp);
    }
    return d.toPlainString();
  }

  /** Go's {@code encoding/json} form of a float64. */
  static String formatJson(double v) {
    if (v == 0) {
      return negative(v) ? "-0" : "0";
    }
    BigDecimal d = shortest(v);
    double abs = Math.abs(v);
    if (abs < 1e-6 || abs >= 1e21) {
      int exp = d.precision() - d.scale() - 1;
      String e = exponent(d, exp);
      // encoding/json writes e-7, not e-07
      return e.replaceFirst("e-0(\\d)$", "e-$1");
    }
    return d.toPlainString();
  }

  /** {@code strconv.ParseFloat(s, 64)} for the forms SOPS writes (decimal, Inf, NaN). */
  static double parse(String s) {
    switch (s.toLowerCase(java.util.Locale.ROOT)) {
      case "inf", "+inf", "infinity", "+infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf", "-infinity":
        return Double.NEGATIVE_INFINITY;
      case "nan":
        return Double.NaN;
      default:
        break;
    }
    if (!DECIMAL.matcher(s).matches()) {
      throw new NumberFormatException("not a decimal number");
    }
    double d = Double.parseDouble(s);
    if (Double.isInfinite(d)) {
      throw new NumberFormatException("out of range");
    }
    return d;
  }

  /** NaN, the infinities and the zeros, as both of Go's formats write them; null for others. */
  private static String special(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return negative(v) ? "-0" : "0";
    }
    return null;
  }

  private static boolean negative(double v) {
    return Double.doubleToRawLongBits(v) < 0;
  }

  /** The closest decimal with the fewest digits that reads back as {@code v}. */
  private static BigDecimal shortest(double v) {
    BigDecimal exact = new BigDecimal(v);
    for (int p = 1; p < 17; p++) {
      BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (r.doubleValue() == v) {
        return r.stripTrailingZeros();
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }

  private static String exponent(BigDecimal d, int exp) {
    String digits = d.unscaledValue().abs().toString().replaceFirst("0+$", "");
    StringBuilder sb = new StringBuilder();
    if (d.signum() < 0) {
      sb.append('-');
    }
    sb.append(digits.charAt(0));
    if (digits.length() > 1) {
      sb.append('.').append(digits, 1, digits.length());
    }
    sb.append('e').append(exp < 0 ? '-' : '+');
    int abs = Math.abs(exp);
    if (abs < 10) {
      sb.append('0');
    }
    return sb.append(abs).toString();
  }
}

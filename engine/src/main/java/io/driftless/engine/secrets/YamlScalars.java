package io.driftless.engine.secrets;

import io.driftless.engine.secrets.SopsTree.Bool;
import io.driftless.engine.secrets.SopsTree.Int;
import io.driftless.engine.secrets.SopsTree.Null;
import io.driftless.engine.secrets.SopsTree.Real;
import io.driftless.engine.secrets.SopsTree.Scalar;
import io.driftless.engine.secrets.SopsTree.Text;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Plain YAML scalars typed as SOPS's YAML library (gopkg.in/yaml.v3) types them, since a value's
 * type decides its SOPS {@code type:} and its bytes in the MAC: {@code true}/{@code True}/{@code
 * TRUE} are booleans ({@code yes} and {@code on} are strings), integers may be hex, octal, binary
 * or have underscores, timestamps stay strings.
 */
final class YamlScalars {
  private static final Pattern YAML_FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "\\d{4}-\\d{1,2}-\\d{1,2}([Tt ]\\d{1,2}:\\d{1,2}:\\d{1,2}(\\.\\d*)?"
              + "\\s*(Z|[+-]\\d{1,2}(:\\d{2})?)?)?");

  /** The longest number read; SOPS's own numbers fit in 64 bits. */
  static final int MAX_NUMBER_LENGTH = 100;

  private static boolean numeric(int c) {
    return Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.';
  }

  private static final BigInteger UINT64_MAX =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private YamlScalars() {}

  /**
   * The typed value of a plain (unquoted, untagged) scalar.
   *
   * @throws NumberFormatException for an integer beyond 64 bits, which SOPS cannot hold either
   */
  static Scalar resolve(String in) {
    switch (in) {
      case "true", "True", "TRUE":
        return new Bool(true);
      case "false", "False", "FALSE":
        return new Bool(false);
      case "", "~", "null", "Null", "NULL":
        return new Null();
      case ".nan", ".NaN", ".NAN":
        return new Real(Double.NaN);
      case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
        return new Real(Double.POSITIVE_INFINITY);
      case "-.inf", "-.Inf", "-.INF":
        return new Real(Double.NEGATIVE_INFINITY);
      default:
        break;
    }
    char c = in.charAt(0);
    if (c == '.') {
      try {
        return new Real(GoFloats.parse(in));
      } catch (NumberFormatException e) {
        return new Text(in);
      }
    }
    if (!(c >= '0' && c <= '9' || c == '+' || c == '-')) {
      return new Text(in);
    }
    if (TIMESTAMP.matcher(in).matches()) {
      return new Text(in);
    }
    String plain = in.replace("_", "");
    if (plain.length() > MAX_NUMBER_LENGTH && plain.chars().allMatch(YamlScalars::numeric)) {
      // Parsing grows faster than length: a million digits would stall the run.
      throw new NumberFormatException("number longer than " + MAX_NUMBER_LENGTH + " characters");
    }
    BigInteger integer = goInteger(plain);
    if (integer != null) {
      if (integer.bitLength() < 64) {
        return new Int(integer.longValue());
      }
      if (integer.signum() > 0 && integer.compareTo(UINT64_MAX) <= 0) {
        throw new NumberFormatException("integer beyond 64 bits");
      }
    }
    if (YAML_FLOAT.matcher(plain).matches()) {
      try {
        return new Real(GoFloats.parse(plain));
      } catch (NumberFormatException e) {
        return new Text(in);
      }
    }
    return new Text(in);
  }

  /** Whether a string must be quoted to read back as the same string. */
  static boolean needsQuotes(String s) {
    if (s.isEmpty()) {
      return true;
    }
    try {
      if (!(resolve(s) instanceof Text) || TIMESTAMP.matcher(s).matches()) {
        return true;
      }
    } catch (NumberFormatException e) {
      return true;
    }
    if ("-?:,[]{}#&*!|>'\"%@`".indexOf(s.charAt(0)) >= 0 || s.startsWith("...") || s.equals("<<")) {
      return true;
    }
    char last = s.charAt(s.length() - 1);
    if (last == ':' || last == ' ' || s.charAt(0) == ' ') {
      return true;
    }
    if (s.contains(": ") || s.contains(" #")) {
      return true;
    }
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < 0x20 || ch == 0x7f || ch == 0x85 || ch == 0x2028 || ch == 0x2029 || ch == 0xfeff) {
        return true;
      }
    }
    return false;
  }

  /** Go's {@code strconv.ParseInt(s, 0, 64)} syntax: sign, 0x, 0o, 0b or a leading 0 (octal). */
  private static BigInteger goInteger(String s) {
    int i = 0;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    String body = s.substring(i);
    int radix = 10;
    if (body.length() > 2 && body.charAt(0) == '0') {
      char p = Character.toLowerCase(body.charAt(1));
      if (p == 'x' || p == 'o' || p == 'b') {
        radix = p == 'x' ? 16 : p == 'o' ? 8 : 2;
        body = body.substring(2);
      } else {
        radix = 8;
        body = body.substring(1);
      }
    } else if (body.length() == 2 && body.charAt(0) == '0') {
      radix = 8;
      body = body.substring(1);
    }
    if (body.isEmpty()) {
      return null;
    }
    for (int k = 0; k < body.length(); k++) {
      if (Character.digit(body.charAt(k), radix) < 0) {
        return null;
      }
    }
    BigInteger v = new BigInteger(body, radix);
    return negative ? v.negate() : v;
  }
}

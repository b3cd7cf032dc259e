package io.driftless.engine.secrets;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which values of a file SOPS encrypts, as written in its metadata: at most one of the four
 * selections (by key suffix or key regex, matched against every key on a value's path), and whether
 * the MAC covers only the encrypted values. With none, values under keys ending in {@code
 * _unencrypted} stay clear, as in SOPS.
 *
 * <p>Regexes are found anywhere in a key, as Go's {@code regexp.MatchString} does; Java regex
 * syntax, which agrees with Go's for the usual {@code ^(data|stringData)$} forms.
 */
public record EncryptionRule(
    String unencryptedSuffix,
    String encryptedSuffix,
    String unencryptedRegex,
    String encryptedRegex,
    boolean macOnlyEncrypted) {

  /** The selection SOPS uses when none is configured. */
  public static final String DEFAULT_UNENCRYPTED_SUFFIX = "_unencrypted";

  public EncryptionRule {
    unencryptedSuffix = blankToNull(unencryptedSuffix);
    encryptedSuffix = blankToNull(encryptedSuffix);
    unencryptedRegex = blankToNull(unencryptedRegex);
    encryptedRegex = blankToNull(encryptedRegex);
    long set =
        java.util.stream.Stream.of(
                unencryptedSuffix, encryptedSuffix, unencryptedRegex, encryptedRegex)
            .filter(java.util.Objects::nonNull)
            .count();
    if (set > 1) {
      throw new IllegalArgumentException(
          "use only one of encrypted_suffix, unencrypted_suffix, encrypted_regex and"
              + " unencrypted_regex");
    }
    if (set == 0) {
      unencryptedSuffix = DEFAULT_UNENCRYPTED_SUFFIX;
    }
    for (String regex : java.util.Arrays.asList(unencryptedRegex, encryptedRegex)) {
      if (regex != null) {
        try {
          Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException(
              "'" + regex + "' is not a valid regex: " + e.getDescription());
        }
      }
    }
  }

  /** Everything encrypted except values under keys ending in {@code _unencrypted}. */
  public static EncryptionRule defaults() {
    return new EncryptionRule(null, null, null, null, false);
  }

  /** Only values with a key on their path that matches {@code regex}. */
  public static EncryptionRule encryptedRegex(String regex) {
    return new EncryptionRule(null, null, null, regex, false);
  }

  /** The same selection with the MAC over encrypted values only. */
  public EncryptionRule withMacOnlyEncrypted(boolean on) {
    return new EncryptionRule(
        unencryptedSuffix, encryptedSuffix, unencryptedRegex, encryptedRegex, on);
  }

  /** Whether a value at this key path is encrypted, decided exactly as SOPS decides it. */
  boolean encrypts(List<String> path) {
    boolean encrypted = true;
    if (unencryptedSuffix != null) {
      for (String key : path) {
        if (key.endsWith(unencryptedSuffix)) {
          encrypted = false;
          break;
        }
      }
    }
    if (encryptedSuffix != null) {
      encrypted = false;
      for (String key : path) {
        if (key.endsWith(encryptedSuffix)) {
          encrypted = true;
          break;
        }
      }
    }
    if (unencryptedRegex != null) {
      Pattern p = Pattern.compile(unencryptedRegex);
      for (String key : path) {
        if (p.matcher(key).find()) {
          encrypted = false;
          break;
        }
      }
    }
    if (encryptedRegex != null) {
      encrypted = false;
      Pattern p = Pattern.compile(encryptedRegex);
      for (String key : path) {
        if (p.matcher(key).find()) {
          encrypted = true;
          break;
        }
      }
    }
    return encrypted;
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}

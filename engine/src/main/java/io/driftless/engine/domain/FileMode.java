package io.driftless.engine.domain;

import java.util.Locale;

/**
 * The permission bits a target gives the files it writes for a resource. A decrypted SOPS file is
 * for its owner only ({@link #DECRYPTED}, 0600) unless its environment says otherwise ({@code
 * decryption.mode}); every other file is 0644 and an executable 0755. The one place the mode of a
 * written file is decided: the directory and ssh targets ask {@link #of}.
 *
 * @param bits the permission bits, at most {@code 0777}, the owner's read bit set
 */
public record FileMode(int bits) {
  public static final FileMode DECRYPTED = new FileMode(0600);
  private static final int FILE = 0644;
  private static final int EXECUTABLE = 0755;

  /**
   * @throws IllegalArgumentException for bits beyond {@code 0777} or without the owner's read bit
   */
  public FileMode {
    if (bits < 0 || bits > 0777) {
      throw new IllegalArgumentException(
          "a mode is three octal digits, at most 0777: " + octal(bits));
    }
    if ((bits & 0400) == 0) {
      throw new IllegalArgumentException(
          "a decrypted file must be readable by its owner (mode 0400 at least): " + octal(bits));
    }
  }

  /**
   * A mode as written in a spec: three or four octal digits, e.g. {@code 0640}.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static FileMode parse(String text) {
    if (text == null || !text.strip().matches("0?[0-7]{3}")) {
      throw new IllegalArgumentException(
          "a mode is three octal digits with an optional leading 0, e.g. 0640");
    }
    return new FileMode(Integer.parseInt(text.strip(), 8));
  }

  /**
   * The permission bits of the file written for {@code resource}.
   *
   * @param decrypted the mode of its environment's decrypted files
   */
  public static int of(Resource resource, FileMode decrypted) {
    if (resource.kind() == ResourceKind.EXECUTABLE) {
      return EXECUTABLE;
    }
    return resource.content().sealed().isPresent() ? decrypted.bits : FILE;
  }

  /** The mode in four octal digits, as {@link #parse} reads it. */
  public String octal() {
    return octal(bits);
  }

  private static String octal(int bits) {
    return String.format(Locale.ROOT, "%04o", bits);
  }

  @Override
  public String toString() {
    return octal();
  }
}

package io.driftless.engine.port;

import io.driftless.engine.port.query.ApiToken;
import io.driftless.engine.port.query.IssuedToken;
import io.driftless.engine.port.query.TokenRole;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * API tokens. A token is 32 random bytes shown once when issued; only its SHA-256 ({@link #hash})
 * is stored, so a dump of the store holds no usable token. Lookup is by hash.
 */
public interface TokenStore {
  /** The prefix makes a leaked token easy to recognise in logs and secret scanners. */
  String PREFIX = "dlt_";

  /** What a token made outside must look like, and how to make one. */
  String FORMAT =
      "a token must be '"
          + PREFIX
          + "' and at least 43 base64url characters (32 random bytes), e.g. "
          + PREFIX
          + "$(openssl rand -base64 32 | tr '+/' '-_' | tr -d '=')";

  /** Creates a token; its value is in the result and nowhere else. */
  IssuedToken issue(String name, TokenRole role);

  /**
   * Stores a token generated outside (e.g. the admin token an operator keeps in a Kubernetes
   * Secret), in the format {@link #issue} gives. Only its hash is stored, as for an issued token.
   *
   * @throws InvalidInputException when the token is not in that format; the message never holds it
   */
  ApiToken register(String name, TokenRole role, String token);

  /** The token's record when {@code token} is a current token; records when it was used. */
  Optional<ApiToken> authenticate(String token);

  /**
   * Which of {@code hashes} (see {@link #hash}) still belong to a token: the others were revoked.
   * Lets a long-lived session, such as an event stream, check its token again without the token.
   */
  Set<String> current(Collection<String> hashes);

  /** Every token, by name; never a token's value. */
  List<ApiToken> list();

  /** Revokes a token; an unknown name is a {@link NotFoundException}. */
  void revoke(String name);

  /** Whether {@code token} has the format of an issued token (see {@link #register}). */
  static boolean wellFormed(String token) {
    return token != null && Formats.WELL_FORMED.matcher(token).matches();
  }

  /** Refuses a name that is not 1 to 63 letters, digits, '.', '_' or '-'; returns it otherwise. */
  static String checkName(String name) {
    if (name == null || !Formats.NAME.matcher(name).matches()) {
      throw new InvalidInputException(
          "token name must be 1 to 63 letters, digits, '.', '_' or '-': " + name,
          Map.of("field", "name"));
    }
    return name;
  }

  /** SHA-256 of the token, hex: a random 256-bit token needs no salt or slow hash. */
  static String hash(String token) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }

  /** The patterns behind {@link #wellFormed} and {@link #checkName}. */
  final class Formats {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    static final Pattern WELL_FORMED =
        Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_-]{43,150}");

    private Formats() {}
  }
}

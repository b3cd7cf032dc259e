package io.driftless.api.model;

import io.driftless.engine.domain.Credential;
import io.driftless.engine.domain.CredentialName;
import io.driftless.engine.domain.CredentialOrigins;
import io.driftless.engine.domain.Secret;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/v1/credentials} and {@code PUT /api/v1/credentials/{name}}: a named credential,
 * write-only. Which secret fields a type takes:
 *
 * <ul>
 *   <li>{@code token}: {@code token}, optional {@code username};
 *   <li>{@code basic}: {@code username}, {@code password};
 *   <li>{@code ssh-key}: {@code privateKey} (OpenSSH or PEM), optional {@code passphrase};
 *   <li>{@code age-identity}: {@code identity} (an age key file: {@code AGE-SECRET-KEY-1...});
 *   <li>{@code pgp-key}: {@code privateKey} (armored, without a passphrase).
 * </ul>
 *
 * <p>{@code origins}: the {@code https://} or {@code ssh://} URL prefixes the credential may be
 * sent to (see {@link CredentialOrigins}); required for {@code token} and {@code basic}, which send
 * their secret as it is, optional for {@code ssh-key}, refused for the decryption keys. In a
 * rotation, leaving it out keeps the origins.
 */
public record CredentialRequest(
    String name,
    String type,
    String username,
    String token,
    String password,
    String privateKey,
    String passphrase,
    String identity,
    List<String> origins) {

  private static final Map<String, Set<String>> FIELDS =
      Map.of(
          "token", Set.of("username", "token"),
          "basic", Set.of("username", "password"),
          "ssh-key", Set.of("privateKey", "passphrase"),
          "age-identity", Set.of("identity"),
          "pgp-key", Set.of("privateKey"));

  public CredentialName toName() {
    return Fields.check("name", () -> CredentialName.of(Fields.required("name", name)));
  }

  /**
   * The credential this request describes.
   *
   * @throws InvalidFieldException naming the missing, unknown or unexpected field
   */
  public Credential toDomain() {
    String kind = Fields.required("type", type);
    Set<String> takes = FIELDS.get(kind);
    if (takes == null) {
      throw new InvalidFieldException(
          "type", "type must be one of token, basic, ssh-key, age-identity, pgp-key: " + kind);
    }
    given().keySet().stream()
        .filter(f -> !takes.contains(f))
        .findFirst()
        .ifPresent(
            f -> {
              throw new InvalidFieldException(
                  f, f + " does not apply to a " + kind + " credential");
            });
    return switch (kind) {
      case "token" -> new Credential.Token(username, secret("token", token));
      case "basic" ->
          Fields.check(
              "username", () -> new Credential.Basic(username, secret("password", password)));
      case "ssh-key" ->
          new Credential.SshKey(
              secret("privateKey", privateKey),
              passphrase == null || passphrase.isEmpty() ? null : Secret.of(passphrase));
      case "age-identity" -> new Credential.AgeIdentity(secret("identity", identity));
      default -> new Credential.PgpKey(secret("privateKey", privateKey));
    };
  }

  /**
   * The origins this request gives; null when it gives none and {@code rotation} (keep them).
   *
   * @throws InvalidFieldException on {@code origins} for a type that takes none, or a token or
   *     basic credential added without them
   */
  public CredentialOrigins toOrigins(String kind, boolean rotation) {
    if (origins == null || origins.isEmpty()) {
      if (rotation) {
        return null;
      }
      if (CredentialOrigins.required(kind)) {
        throw new InvalidFieldException(
            "origins",
            "origins is required for a "
                + kind
                + " credential, which is sent as it is to the server it authenticates to: the URL"
                + " prefixes it may go to, like https://github.com/acme/");
      }
      return CredentialOrigins.none();
    }
    return parseOrigins(kind, origins);
  }

  /**
   * Reads origins given for a credential of {@code kind}.
   *
   * @throws InvalidFieldException on {@code origins}
   */
  public static CredentialOrigins parseOrigins(String kind, List<String> origins) {
    if (!CredentialOrigins.applies(kind)) {
      throw new InvalidFieldException(
          "origins", "origins does not apply to a " + kind + " credential, which is never sent");
    }
    return CredentialOrigins.parse("origins", origins);
  }

  /** The field that holds the key whose public parts are shown: where a bad key is reported. */
  public String keyField() {
    return "age-identity".equals(type) ? "identity" : "privateKey";
  }

  private Map<String, String> given() {
    Map<String, String> given = new LinkedHashMap<>();
    given.put("username", username);
    given.put("token", token);
    given.put("password", password);
    given.put("privateKey", privateKey);
    given.put("passphrase", passphrase);
    given.put("identity", identity);
    given.values().removeIf(v -> v == null || v.isEmpty());
    return given;
  }

  private static Secret secret(String field, String value) {
    return Fields.check(field, () -> Secret.of(Fields.required(field, value)));
  }

  @Override
  public String toString() {
    return "CredentialRequest[name="
        + name
        + ", type="
        + type
        + ", origins="
        + origins
        + ", secrets=****]";
  }
}

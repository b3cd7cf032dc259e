package io.driftless.engine.port;

import io.driftless.engine.domain.Credential;
import io.driftless.engine.domain.CredentialName;
import io.driftless.engine.domain.CredentialOrigins;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.GitAuth;
import io.driftless.engine.domain.GitUrl;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.port.query.CredentialView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Named credentials. The secret parts are encrypted at rest and only {@link #find} returns them,
 * for the code that uses the credential; every other read is a {@link CredentialView}. The public
 * parts are computed by the caller ({@code io.driftless.engine.secrets.CredentialKeys}), which also
 * refuses a secret that is not a usable key.
 */
public interface CredentialStore {

  /** Stores a new credential; a taken name is a {@link ConflictException}. */
  CredentialView add(
      CredentialName name,
      Credential credential,
      CredentialOrigins origins,
      List<String> publicKeys,
      String createdBy);

  /**
   * Replaces a credential's secret (a rotation): its users take the new one at their next use. An
   * unknown name is a {@link NotFoundException}; another type is an {@link InvalidInputException}
   * on {@code type}, since its users expect the type they were registered with.
   *
   * @param origins the new origins, or null to keep them
   */
  CredentialView replace(
      CredentialName name,
      Credential credential,
      CredentialOrigins origins,
      List<String> publicKeys);

  /**
   * Sets where a credential may be sent, keeping its secret. An unknown name is a {@link
   * NotFoundException}; a source that uses it from outside the new origins an {@link
   * InvalidInputException} on {@code origins} naming the source, so a narrowing never strands one.
   */
  CredentialView setOrigins(CredentialName name, CredentialOrigins origins);

  /** Where the credential may be sent; none for an unknown name. */
  CredentialOrigins origins(CredentialName name);

  /** The credential without its secret. */
  Optional<CredentialView> view(CredentialName name);

  /** Every credential without its secret, by name. */
  List<CredentialView> list();

  /** The credential with its secret: for the code that authenticates with it, only. */
  Optional<Credential> find(CredentialName name);

  /**
   * Removes a credential; an unknown name is a {@link NotFoundException}, one a source or an
   * environment (its ssh target's login) uses a {@link ConflictException} naming them.
   */
  void remove(CredentialName name);

  /**
   * Refuses a source whose credentials name a credential that does not exist, cannot authenticate
   * to Git (an age or PGP key, an SSH key without pinned host keys) or may not be sent to the
   * source's URL (see {@link CredentialOrigins}), or whose decryption identities name one that is
   * not an age or PGP key: what every store checks as it registers or changes a source, inside the
   * same transaction.
   *
   * @param lookup the credentials by name, as the store sees them
   * @param origins where each may be sent, as the store sees it
   * @throws InvalidInputException on {@code auth.credential}, {@code writeAuth.credential} or
   *     {@code decryption.identities}
   */
  static void checkReferences(
      Source source,
      Function<CredentialName, Optional<Credential>> lookup,
      Function<CredentialName, CredentialOrigins> origins) {
    checkReference("auth", source, source.auth(), lookup, origins);
    checkReference("writeAuth", source, source.writeAuth(), lookup, origins);
    for (CredentialName name : source.decryption().identities()) {
      String at = "decryption.identities";
      Credential credential = named(at, name, lookup);
      if (!(credential instanceof Credential.AgeIdentity)
          && !(credential instanceof Credential.PgpKey)) {
        throw new InvalidInputException(
            at
                + ": credential '"
                + name
                + "' is a "
                + credential.type()
                + " credential; SOPS files decrypt with age-identity or pgp-key credentials",
            Map.of("field", at, "credential", name.value()));
      }
    }
  }

  /** The credential {@code name} that the field {@code at} names; refused when there is none. */
  private static Credential named(
      String at, CredentialName name, Function<CredentialName, Optional<Credential>> lookup) {
    return lookup
        .apply(name)
        .orElseThrow(
            () ->
                new InvalidInputException(
                    at + ": no credential named '" + name + "'",
                    Map.of("field", at, "credential", name.value())));
  }

  /**
   * Refuses an environment whose ssh target logs in with a credential that does not exist or is not
   * an {@code ssh-key}: what every store checks as it registers or changes an environment, inside
   * the same transaction, so that a credential in use is never removed under it.
   *
   * @param lookup the credentials by name, as the store sees them
   * @throws InvalidInputException on {@code target.credential}
   */
  static void checkLogin(
      Environment environment, Function<CredentialName, Optional<Credential>> lookup) {
    if (!(environment.target() instanceof TargetSpec.Ssh ssh)) {
      return;
    }
    CredentialName name = ssh.credential();
    String at = "target.credential";
    Credential credential = named(at, name, lookup);
    if (!(credential instanceof Credential.SshKey)) {
      throw new InvalidInputException(
          at + ": credential '" + name + "' is a " + credential.type() + " credential, not ssh-key",
          Map.of("field", at, "credential", name.value()));
    }
  }

  /**
   * Refuses origins that would leave a source using the credential outside them.
   *
   * @param users the URL of each source that uses the credential, by source name
   * @throws InvalidInputException on {@code origins}, naming the first such source
   */
  static void checkUsers(
      CredentialName name, String type, CredentialOrigins origins, Map<String, String> users) {
    users.forEach(
        (source, url) ->
            origins
                .refusal("origins", name, type, GitUrl.parse(url))
                .ifPresent(
                    message -> {
                      throw new InvalidInputException(
                          message + ", where source '" + source + "' fetches",
                          Map.of("field", "origins", "credential", name.value(), "source", source));
                    }));
  }

  private static void checkReference(
      String field,
      Source source,
      GitAuth auth,
      Function<CredentialName, Optional<Credential>> lookup,
      Function<CredentialName, CredentialOrigins> origins) {
    if (!(auth instanceof GitAuth.Named named)) {
      return;
    }
    String at = field + ".credential";
    Credential credential =
        lookup
            .apply(named.credential())
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        at + ": no credential named '" + named.credential() + "'",
                        Map.of("field", at, "credential", named.credential().value())));
    Map<String, String> details = Map.of("field", at, "credential", named.credential().value());
    try {
      named.resolve(credential);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(at + ": " + e.getMessage(), details);
    }
    origins
        .apply(named.credential())
        .refusal(at, named.credential(), credential.type(), GitUrl.parse(source.url()))
        .ifPresent(
            message -> {
              throw new InvalidInputException(message, details);
            });
  }

  /**
   * Who uses a credential, by name: the sources that authenticate or decrypt with it, and the
   * environments whose ssh target logs in with it.
   */
  record Users(List<String> sources, List<String> environments) {
    public Users {
      sources = List.copyOf(sources);
      environments = List.copyOf(environments);
    }

    public boolean isEmpty() {
      return sources.isEmpty() && environments.isEmpty();
    }

    /** The sources, then the environments: a credential's {@code usedBy}. */
    public List<String> all() {
      List<String> all = new ArrayList<>(sources);
      all.addAll(environments);
      return all;
    }
  }

  /** Refuses a removal of a credential that sources or environments use, naming them. */
  static ConflictException inUse(CredentialName name, Users users) {
    List<String> parts = new ArrayList<>();
    Map<String, String> details = new LinkedHashMap<>();
    details.put("credential", name.value());
    if (!users.sources().isEmpty()) {
      parts.add("sources: " + String.join(", ", users.sources()));
      details.put("sources", String.join(",", users.sources()));
    }
    if (!users.environments().isEmpty()) {
      parts.add("environments: " + String.join(", ", users.environments()));
      details.put("environments", String.join(",", users.environments()));
    }
    return new ConflictException(
        "credential '" + name + "' is used by " + String.join("; ", parts), details);
  }

  /** Refuses a replacement of another type. */
  static InvalidInputException typeChanged(CredentialName name, String was, String given) {
    return new InvalidInputException(
        "type: credential '"
            + name
            + "' is a "
            + was
            + " credential, not "
            + given
            + "; remove it and add it again to change its type",
        Map.of("field", "type", "credential", name.value()));
  }
}

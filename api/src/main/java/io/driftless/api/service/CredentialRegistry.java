package io.driftless.api.service;

import io.driftless.api.auth.Caller;
import io.driftless.api.model.CredentialOriginsBody;
import io.driftless.api.model.CredentialRequest;
import io.driftless.api.model.CredentialResponse;
import io.driftless.api.model.Fields;
import io.driftless.api.model.InvalidFieldException;
import io.driftless.engine.domain.Credential;
import io.driftless.engine.domain.CredentialName;
import io.driftless.engine.domain.CredentialOrigins;
import io.driftless.engine.port.CredentialStore;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.secrets.CredentialKeys;
import java.util.List;

/**
 * Named credentials: added, rotated and removed by admins, each change audited with the
 * credential's public parts only.
 */
public final class CredentialRegistry {
  private final CredentialStore credentials;
  private final Audit audit;

  public CredentialRegistry(CredentialStore credentials, Audit audit) {
    this.credentials = credentials;
    this.audit = audit;
  }

  public CredentialResponse add(Caller who, CredentialRequest request) {
    CredentialName name = request.toName();
    Credential credential = request.toDomain();
    CredentialResponse added =
        CredentialResponse.from(
            credentials.add(
                name,
                credential,
                request.toOrigins(credential.type(), false),
                publicKeys(request, credential),
                who.name()));
    audit.record(who, "credential.add", "credential", name.value(), "", null, added);
    return added;
  }

  /** Replaces the secret of {@code name} (a rotation); the body's name, if any, must match. */
  public CredentialResponse replace(Caller who, String name, CredentialRequest request) {
    CredentialName target = name(name);
    if (request.name() != null && !request.name().equals(target.value())) {
      throw new InvalidFieldException(
          "name", "name in the body (" + request.name() + ") differs from the path (" + name + ")");
    }
    CredentialResponse before = get(name);
    Credential credential = request.toDomain();
    CredentialResponse after =
        CredentialResponse.from(
            credentials.replace(
                target,
                credential,
                request.toOrigins(credential.type(), true),
                publicKeys(request, credential)));
    audit.record(who, "credential.replace", "credential", name, "", before, after);
    return after;
  }

  /** Sets where {@code name} may be sent, keeping its secret. */
  public CredentialResponse setOrigins(Caller who, String name, CredentialOriginsBody body) {
    CredentialResponse before = get(name);
    CredentialOrigins origins =
        CredentialRequest.parseOrigins(before.type(), Fields.required("origins", body.origins()));
    if (origins.isEmpty() && CredentialOrigins.required(before.type())) {
      throw new InvalidFieldException(
          "origins",
          "origins must name at least one URL prefix for a " + before.type() + " credential");
    }
    CredentialResponse after = CredentialResponse.from(credentials.setOrigins(name(name), origins));
    audit.record(who, "credential.origins", "credential", name, "", before, after);
    return after;
  }

  public void remove(Caller who, String name) {
    CredentialResponse before = get(name);
    credentials.remove(name(name));
    audit.record(who, "credential.remove", "credential", name, "", before, null);
  }

  public CredentialResponse get(String name) {
    return credentials
        .view(name(name))
        .map(CredentialResponse::from)
        .orElseThrow(() -> new NotFoundException("credential", name));
  }

  public List<CredentialResponse> list() {
    return credentials.list().stream().map(CredentialResponse::from).toList();
  }

  private static List<String> publicKeys(CredentialRequest request, Credential credential) {
    return Fields.check(request.keyField(), () -> CredentialKeys.publicKeys(credential));
  }

  private static CredentialName name(String name) {
    try {
      return CredentialName.of(name);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("credential", name);
    }
  }
}

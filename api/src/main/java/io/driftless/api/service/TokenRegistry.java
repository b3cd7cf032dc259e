package io.driftless.api.service;

import io.driftless.api.auth.Caller;
import io.driftless.api.model.IssuedTokenResponse;
import io.driftless.api.model.TokenRequest;
import io.driftless.api.model.TokenResponse;
import io.driftless.engine.files.PrivateFiles;
import io.driftless.engine.port.ConflictException;
import io.driftless.engine.port.TokenStore;
import io.driftless.engine.port.query.ApiToken;
import io.driftless.engine.port.query.IssuedToken;
import io.driftless.engine.port.query.TokenRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** API tokens: issue (the value is shown once), list, revoke; and the first admin token. */
public final class TokenRegistry {
  private final TokenStore tokens;
  private final Audit audit;

  public TokenRegistry(TokenStore tokens, Audit audit) {
    this.tokens = tokens;
    this.audit = audit;
  }

  public IssuedTokenResponse issue(Caller who, TokenRequest request) {
    TokenRole role = request.toRole();
    IssuedTokenResponse issued = IssuedTokenResponse.from(tokens.issue(request.name(), role));
    audit.record(
        who,
        "token.issue",
        "token",
        issued.name(),
        "",
        null,
        new TokenResponse(issued.name(), issued.role(), issued.createdAt(), null));
    return issued;
  }

  public List<TokenResponse> list() {
    return tokens.list().stream().map(TokenResponse::from).toList();
  }

  /** Revokes a token; the last admin token stays, or nobody could manage tokens any more. */
  public void revoke(Caller who, String name) {
    List<ApiToken> all = tokens.list();
    boolean lastAdmin =
        all.stream().anyMatch(t -> t.name().equals(name) && t.role() == TokenRole.ADMIN)
            && all.stream().filter(t -> t.role() == TokenRole.ADMIN).count() == 1;
    if (lastAdmin) {
      throw new ConflictException(
          "token '" + name + "' is the last admin token; issue another admin token first",
          Map.of("token", name));
    }
    tokens.revoke(name);
    audit.record(who, "token.revoke", "token", name, "", null, null);
  }

  /**
   * On first start (no token at all), issues the admin token {@code admin} and writes it to {@code
   * file}, readable by the owner only. Returns the file when it wrote one.
   */
  public Optional<Path> issueFirstAdmin(Path file) {
    if (!tokens.list().isEmpty()) {
      return Optional.empty();
    }
    IssuedToken issued;
    try {
      issued = tokens.issue("admin", TokenRole.ADMIN);
    } catch (ConflictException e) {
      // Another replica starting at the same time issued it: that one writes its file.
      return Optional.empty();
    }
    write(file, issued.token());
    return Optional.of(file);
  }

  /**
   * On first start (no token at all), registers {@code token}, made by the operator, as the admin
   * token {@code admin}. Returns whether it did; false once any token exists, including when
   * another replica registered it at the same moment.
   */
  public boolean registerFirstAdmin(String token) {
    if (!tokens.list().isEmpty()) {
      return false;
    }
    try {
      tokens.register("admin", TokenRole.ADMIN, token);
      return true;
    } catch (ConflictException e) {
      return false;
    }
  }

  private static void write(Path file, String token) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.deleteIfExists(file);
      PrivateFiles.create(file);
      Files.writeString(
          file, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (FileAlreadyExistsException e) {
      throw new IllegalStateException("admin token file appeared while writing it: " + file, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the admin token file " + file, e);
    }
  }
}

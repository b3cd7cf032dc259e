package io.driftless.api.preview;

import io.driftless.api.auth.Caller;
import io.driftless.api.githost.GitHostType;
import io.driftless.api.model.HostApiRequest;
import io.driftless.api.model.HostApiResponse;
import io.driftless.api.model.InvalidFieldException;
import io.driftless.api.service.Audit;
import io.driftless.api.webhook.RepositoryUrl;
import io.driftless.engine.domain.GitUrlPolicy;
import io.driftless.engine.domain.Secret;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.port.HostApis;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.SourceCatalog;
import io.driftless.engine.port.query.HostApi;
import io.driftless.engine.port.query.SourceView;

/** Sets, reads and removes a source's Git host API; each change audited, the token never shown. */
public final class SourceHostApis {
  private final SourceCatalog sources;
  private final HostApis hostApis;
  private final Audit audit;
  private final GitUrlPolicy urls;

  public SourceHostApis(SourceCatalog sources, HostApis hostApis, Audit audit, GitUrlPolicy urls) {
    this.sources = sources;
    this.hostApis = hostApis;
    this.audit = audit;
    this.urls = urls;
  }

  public HostApiResponse get(SourceName name) {
    source(name);
    return hostApis
        .view(name)
        .map(v -> HostApiResponse.from(name.value(), v))
        .orElseThrow(() -> new NotFoundException("host API of source", name.value()));
  }

  public HostApiResponse set(Caller who, SourceName name, HostApiRequest request) {
    SourceView source = source(name);
    GitHostType type =
        GitHostType.named(request.type() == null ? "" : request.type().trim())
            .orElseThrow(
                () -> new InvalidFieldException("type", "type must be github, gitlab or gitea"));
    String url = baseUrl(type, request.url());
    String repository = repository(type, request.repository(), source.url());
    if (request.token() == null || request.token().isBlank()) {
      throw new InvalidFieldException("token", "token is required");
    }
    HostApiResponse before =
        hostApis.view(name).map(v -> HostApiResponse.from(name.value(), v)).orElse(null);
    HostApiResponse after =
        HostApiResponse.from(
            name.value(),
            hostApis.set(
                name,
                new HostApi(type.label(), url, repository, Secret.of(request.token().trim()))));
    audit.record(who, "source.host.set", "source", name.value(), "", before, after);
    return after;
  }

  public void remove(Caller who, SourceName name) {
    HostApiResponse before = get(name);
    hostApis.remove(name);
    audit.record(who, "source.host.remove", "source", name.value(), "", before, null);
  }

  private SourceView source(SourceName name) {
    return sources.view(name).orElseThrow(() -> new NotFoundException("source", name.value()));
  }

  private String baseUrl(GitHostType type, String given) {
    if (given == null || given.isBlank()) {
      return switch (type) {
        case GITHUB -> "https://api.github.com";
        case GITLAB -> "https://gitlab.com";
        case GITEA ->
            throw new InvalidFieldException(
                "url", "url is required for gitea: the server's address");
      };
    }
    return urls.checkHostApi(given).toString();
  }

  /** The given repository, else the path of the source's URL ({@code acme/site}). */
  private static String repository(GitHostType type, String given, String sourceUrl) {
    String repository = given == null || given.isBlank() ? null : given.trim();
    if (repository == null) {
      RepositoryUrl key = RepositoryUrl.of(sourceUrl);
      String path = key == null ? "" : key.key().replaceFirst("^[^/]*/", "");
      repository = path.isEmpty() ? null : path;
    }
    if (repository == null) {
      throw new InvalidFieldException(
          "repository", "repository is required: the source's URL names none");
    }
    boolean ownerAndName = repository.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
    boolean project = repository.matches("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");
    if (type == GitHostType.GITLAB ? !project : !ownerAndName) {
      throw new InvalidFieldException(
          "repository",
          type == GitHostType.GITLAB
              ? "repository must be the project's path (group/project) or id"
              : "repository must be owner/name");
    }
    return repository;
  }
}

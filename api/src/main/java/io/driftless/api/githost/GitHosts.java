package io.driftless.api.githost;

import io.driftless.engine.port.query.HostApi;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Builds the client of a source's host API; one shared HTTP client, bounded retries, and who each
 * host API's token is, remembered across the clients built here.
 */
public final class GitHosts {
  private final HostIdentities identities = new HostIdentities();
  private final RestClient.Transport transport;

  /**
   * @param registry where {@code driftless_git_host_requests_total} (host, result: ok, refused,
   *     failed) is registered
   */
  public GitHosts(int attempts, Duration backoff, PrometheusRegistry registry) {
    Counter requests =
        Counter.builder()
            .name("driftless_git_host_requests_total")
            .help(
                "Calls to Git host APIs (statuses, comments, users, pull requests), by host and result")
            .labelNames("host", "result")
            .register(registry);
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.transport = new RestClient.Transport(http, attempts, backoff, requests);
  }

  /**
   * The client for {@code api}.
   *
   * @throws IllegalArgumentException for an unknown host type
   */
  public GitHost open(HostApi api) {
    GitHostType type =
        GitHostType.named(api.type())
            .orElseThrow(() -> new IllegalArgumentException("unknown host type " + api.type()));
    String token = api.token().reveal();
    String identity = HostIdentities.key(type, api.baseUrl(), token);
    return switch (type) {
      case GITHUB ->
          new GitHubStyleHost(
              type,
              rest(type, api, "Authorization", "Bearer " + token),
              api.repository(),
              identities,
              identity);
      case GITEA ->
          new GitHubStyleHost(
              type,
              rest(type, api, "Authorization", "token " + token),
              api.repository(),
              identities,
              identity);
      case GITLAB ->
          new GitLabHost(
              rest(type, api, "PRIVATE-TOKEN", token), api.repository(), identities, identity);
    };
  }

  private RestClient rest(GitHostType type, HostApi api, String header, String value) {
    return new RestClient(type, api.baseUrl(), header, value, transport);
  }
}

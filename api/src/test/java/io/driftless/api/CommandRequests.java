package io.driftless.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.api.testing.Api;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.testing.TestGitRepo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Environment registrations that name commands, and the 422 a refused one gets. */
final class CommandRequests {
  private static final AtomicInteger NAMES = new AtomicInteger();

  private final TestServer server;

  /** Registers the source {@code site}, one file under {@code site/}, on {@code server}. */
  CommandRequests(TestServer server) {
    this.server = server;
    TestGitRepo repo = server.repo("repo");
    repo.commit(Map.of("site/index.html", "<h1>hi</h1>\n"), "site");
    Api.Reply source =
        server.admin().post("/api/v1/sources", Map.of("name", "site", "url", repo.url()));
    assertThat(source.status()).as(source.toString()).isEqualTo(201);
  }

  /** A new environment of {@code site} on {@code target}, with {@code more} fields. */
  Map<String, Object> environment(Map<String, Object> target, Map<String, Object> more) {
    Map<String, Object> body = new HashMap<>(more);
    body.putAll(
        Map.of(
            "name",
            "env" + NAMES.incrementAndGet(),
            "source",
            "site",
            "ref",
            "main",
            "path",
            "site",
            "target",
            target,
            "sync",
            Map.of("auto", false)));
    return body;
  }

  /** A directory target of its own with one command, e.g. {@code postApply}, as one line. */
  Map<String, Object> directory(String command, String line) {
    return Map.of(
        "type",
        "directory",
        "root",
        server.targets().resolve("web" + NAMES.incrementAndGet()).toString(),
        command,
        Map.of("argv", List.of(line)));
  }

  /** Registers a new environment on a directory target with one command. */
  Api.Reply register(String command, String line) {
    return server
        .admin()
        .post("/api/v1/environments", environment(directory(command, line), Map.of()));
  }

  static void refused(Api.Reply reply, String field, String message) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
    assertThat(reply.json().path("details").path("field").asText()).isEqualTo(field);
    assertThat(reply.json().path("details").path("error").asText()).isEqualTo("command.refused");
    assertThat(reply.json().path("details").path("setting").asText()).isEqualTo("commands");
    assertThat(reply.text("message")).contains(message);
  }
}

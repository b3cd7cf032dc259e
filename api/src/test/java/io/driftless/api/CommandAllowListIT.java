package io.driftless.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.api.testing.Api;
import io.driftless.api.testing.GitRepo;
import io.driftless.api.testing.TestServer;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The command policy through the REST API, on a server whose {@code commands.allowed} is {@code
 * [echo]}: exactly {@code echo}, as a bare name found on the server's PATH, is admitted.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CommandAllowListIT {
  static final TestServer ECHO = TestServer.withCommands("echo");
  static final DropwizardAppExtension<?> ECHO_APP = ECHO.app;
  private static final AtomicInteger NAMES = new AtomicInteger();

  @BeforeAll
  static void source() {
    GitRepo repo = GitRepo.create(ECHO.dir.resolve("repo"));
    repo.commit("site", Map.of("site/index.html", "<h1>hi</h1>\n"));
    Api.Reply source =
        ECHO.admin().post("/api/v1/sources", Map.of("name", "site", "url", repo.url()));
    assertThat(source.status()).as(source.toString()).isEqualTo(201);
  }

  private static Map<String, Object> environment(
      TestServer server, Map<String, Object> target, Map<String, Object> more) {
    Map<String, Object> body = new java.util.HashMap<>(more);
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

  private static Map<String, Object> directory(TestServer server, String command, String argv) {
    return Map.of(
        "type",
        "directory",
        "root",
        server.targets().resolve("web" + NAMES.incrementAndGet()).toString(),
        command,
        Map.of("argv", List.of(argv)));
  }

  private static void refused(Api.Reply reply, String field, String message) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
    assertThat(reply.json().path("details").path("field").asText()).isEqualTo(field);
    assertThat(reply.json().path("details").path("error").asText()).isEqualTo("command.refused");
    assertThat(reply.json().path("details").path("setting").asText()).isEqualTo("commands");
    assertThat(reply.text("message")).contains(message);
  }

  @Test
  void anAllowListAdmitsExactlyWhatItNames() {
    Api api = ECHO.admin();

    Map<String, Object> echo = environment(ECHO, directory(ECHO, "postApply", "echo hi"), Map.of());
    assertThat(api.post("/api/v1/environments", echo).status()).isEqualTo(201);
    refused(
        api.post(
            "/api/v1/environments",
            environment(ECHO, directory(ECHO, "postApply", "printf hi"), Map.of())),
        "target.postApply",
        "which commands.allowed does not list (allowed: echo)");
    refused(
        api.post(
            "/api/v1/environments",
            environment(ECHO, directory(ECHO, "healthCheck", "echo hi; id"), Map.of())),
        "target.healthCheck",
        "would run /bin/sh");
    refused(
        api.post(
            "/api/v1/environments",
            environment(ECHO, directory(ECHO, "postApply", "./echo"), Map.of())),
        "target.postApply",
        "by a relative path, which never runs");
    refused(
        api.post(
            "/api/v1/environments",
            environment(ECHO, directory(ECHO, "postApply", "/tmp/echo"), Map.of())),
        "target.postApply",
        "which commands.allowed does not list");

    Api.Reply run =
        TestServer.awaitRun(
            api, api.post("/api/v1/environments/" + echo.get("name") + "/sync", null).location());
    assertThat(run.text("status")).as(run.toString()).isEqualTo("succeeded");
  }
}

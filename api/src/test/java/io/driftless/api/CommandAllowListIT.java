package io.driftless.api;

import static io.driftless.api.CommandRequests.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.api.testing.Api;
import io.driftless.api.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The command policy through the REST API, on a server whose {@code commands.allowed} is {@code
 * [echo]}: exactly {@code echo}, as a bare name found on the server's PATH, is admitted.
 */
class CommandAllowListIT {
  @RegisterExtension static final TestServer ECHO = TestServer.withCommands("echo");
  private static CommandRequests requests;

  @BeforeAll
  static void source() {
    requests = new CommandRequests(ECHO);
  }

  @Test
  void anAllowListAdmitsExactlyWhatItNames() {
    Api api = ECHO.admin();

    Map<String, Object> echo =
        requests.environment(requests.directory("postApply", "echo hi"), Map.of());
    assertThat(api.post("/api/v1/environments", echo).status()).isEqualTo(201);
    refused(
        requests.register("postApply", "printf hi"),
        "target.postApply",
        "which commands.allowed does not list (allowed: echo)");
    refused(
        requests.register("healthCheck", "echo hi; id"), "target.healthCheck", "would run /bin/sh");
    refused(
        requests.register("postApply", "./echo"),
        "target.postApply",
        "by a relative path, which never runs");
    refused(
        requests.register("postApply", "/tmp/echo"),
        "target.postApply",
        "which commands.allowed does not list");

    Api.Reply run =
        TestServer.awaitRun(
            api, api.post("/api/v1/environments/" + echo.get("name") + "/sync", null).location());
    assertThat(run.text("status")).as(run.toString()).isEqualTo("succeeded");
    assertThat(run.json().path("hooks").get(0).path("output").asText()).isEqualTo("hi\n");
  }
}

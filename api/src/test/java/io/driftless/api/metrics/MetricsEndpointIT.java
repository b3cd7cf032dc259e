package io.driftless.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.api.testing.Api;
import io.driftless.api.testing.EnvironmentBody;
import io.driftless.api.testing.Promtool;
import io.driftless.api.testing.TestServer;
import io.driftless.engine.testing.TestGitRepo;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /metrics} after a run: every family DESIGN.md lists, and promtool's lint passes. */
class MetricsEndpointIT {
  @RegisterExtension static final TestServer SERVER = new TestServer();

  @Test
  void exposesEveryFamilyAndPassesPromtool() throws Exception {
    Api api = SERVER.admin();
    try (TestGitRepo repo = TestGitRepo.create(SERVER.dir.resolve("repo"))) {
      repo.commit(Map.of("environments/staging/index.html", "<h1>one</h1>\n"), "first");
      api.post("/api/v1/sources", Map.of("name", "demo", "url", repo.url()));
      api.createEnvironment(
          EnvironmentBody.directory(
              "staging", "demo", "environments/staging", SERVER.targets().resolve("staging")));
      api.sync("staging", null);
    }
    String metrics = SERVER.metrics();
    assertThat(metrics)
        .contains(
            "driftless_runs_total{environment=\"staging\",result=\"succeeded\",trigger=\"api\"}"
                + " 1.0")
        .contains("driftless_run_duration_seconds_bucket{")
        .contains("driftless_run_phase_duration_seconds_bucket{")
        .contains("phase=\"fetch\"")
        .contains("phase=\"render\"")
        .contains("phase=\"diff\"")
        .contains("phase=\"apply\"")
        .contains("phase=\"health\"")
        .contains(
            "driftless_environment_sync_status{environment=\"staging\",status=\"synced\"} 1.0")
        .contains("driftless_environment_out_of_sync{environment=\"staging\"} 0.0")
        .contains("driftless_environment_drift{environment=\"staging\"} 0.0")
        .contains("driftless_environment_health{environment=\"staging\",health=\"healthy\"} 1.0")
        .contains("driftless_environment_last_success_timestamp_seconds{environment=\"staging\"}")
        .contains("driftless_environment_managed_resources{environment=\"staging\"} 1.0")
        .contains("driftless_git_requests_total{operation=\"fetch\"}")
        .contains("driftless_git_failures_total")
        .contains("driftless_scheduler_queue_depth")
        .contains("driftless_scheduler_lag_seconds")
        .contains("driftless_db_pool_connections{state=\"active\"}")
        .contains("driftless_http_request_duration_seconds_bucket{")
        .contains("driftless_http_threads ")
        .contains("driftless_notifications_pending ")
        .contains("driftless_notifications_dropped_total ")
        .contains("jvm_memory_used_bytes");

    Promtool.checkMetrics(SERVER.dir.resolve("metrics.txt"), metrics);
  }
}

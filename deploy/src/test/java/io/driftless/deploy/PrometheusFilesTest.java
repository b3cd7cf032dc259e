package io.driftless.deploy;

import static io.driftless.deploy.DeployFiles.ALERTS;
import static io.driftless.deploy.DeployFiles.PROMETHEUS;
import static io.driftless.deploy.DeployFiles.at;
import static io.driftless.deploy.DeployFiles.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.api.metrics.MetricsEndpoint;
import io.driftless.api.testing.Promtool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The alert rules and the Prometheus configuration, as Prometheus's own tool reads them. */
@SuppressWarnings("unchecked") // YAML read as maps and lists
class PrometheusFilesTest {
  @Test
  void alertRulesPassPromtool() throws Exception {
    String out = Promtool.check(ALERTS.getParent(), "check", "rules", ALERTS.toString());
    assertThat(out).contains("SUCCESS");
  }

  @Test
  void prometheusConfigurationPassesPromtool() throws Exception {
    String out = Promtool.check(PROMETHEUS.getParent(), "check", "config", PROMETHEUS.toString());
    assertThat(out).contains("is valid prometheus config file");
  }

  /** alerts-test.yml feeds series to the rules and says which alerts must fire, and when. */
  @Test
  void alertsFireOnTheirUnitTestSeries() throws Exception {
    Promtool.check(ALERTS.getParent(), "test", "rules", "alerts-test.yml");
  }

  @Test
  void everyIssueAlertIsThere() {
    List<String> alerts = new ArrayList<>();
    List<Map<String, Object>> groups = at(yaml(ALERTS), "groups");
    for (Map<String, Object> group : groups) {
      List<Map<String, Object>> rules = at(group, "rules");
      for (Map<String, Object> rule : rules) {
        alerts.add(at(rule, "alert"));
        assertThat((Map<String, Object>) at(rule, "labels")).containsKey("severity");
        assertThat((Map<String, Object>) at(rule, "annotations")).containsKey("summary");
      }
    }
    assertThat(alerts)
        .contains(
            "DriftlessRunsFailing",
            "DriftlessDriftPersists",
            "DriftlessEnvironmentNotSynced",
            "DriftlessWebhooksFailing",
            "DriftlessSchedulerLagging",
            "DriftlessDatabaseDown")
        .doesNotHaveDuplicates();
  }

  @Test
  void scrapesTheMetricsPathOfBothComposeReplicas() {
    Map<String, Object> job = at(yaml(PROMETHEUS), "scrape_configs", 0);
    assertThat((String) at(job, "metrics_path")).isEqualTo(MetricsEndpoint.PATH);
    int port = DeployFiles.Ports.of(DeployFiles.configuration(DeployFiles.HA_CONFIG)).application();
    List<String> composeReplicas = ManifestsTest.composeDriftlessServices();
    assertThat((List<String>) at(job, "static_configs", 0, "targets"))
        .containsExactlyInAnyOrderElementsOf(
            composeReplicas.stream().map(s -> s + ":" + port).toList());
  }
}

package io.driftless.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The metric names found in PromQL, so the cross-check with /metrics sees every one. */
class PromQlTest {
  @Test
  void namesAndNotFunctionsKeywordsLabelsOrDurations() {
    assertThat(
            PromQl.metricNames(
                "histogram_quantile(0.9, sum by (le, phase) (rate(foo_seconds_bucket{a=\"b c\","
                    + " env=~\"$environment\"}[$__rate_interval] offset 5m))) > 30"))
        .containsExactly("foo_seconds_bucket");
    assertThat(
            PromQl.metricNames(
                "(time() - max by (environment) (last_success) > 3600)\n"
                    + "unless on (environment) (max by (environment) (status{s=~\"x|y\"}) == 1)"))
        .containsExactly("last_success", "status");
    assertThat(PromQl.metricNames("a_total / ignoring(result) group_left b_total and bool c"))
        .containsExactly("a_total", "b_total", "c");
    assertThat(PromQl.metricNames("up{job=\"driftless\"} == 0 # down\n")).containsExactly("up");
    assertThat(PromQl.metricNames("1e3 * rate(x[1m])")).containsExactly("x");
  }

  @Test
  void grafanaLabelValuesNamesItsMetric() {
    assertThat(PromQl.grafanaVariableMetricNames("label_values(env_status, environment)"))
        .containsExactly("env_status");
    assertThat(PromQl.grafanaVariableMetricNames("label_values(env_status{a=\"b\"}, environment)"))
        .containsExactly("env_status");
  }
}

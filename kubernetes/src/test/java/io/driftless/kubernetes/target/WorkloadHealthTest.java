package io.driftless.kubernetes.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.Health;
import io.driftless.kubernetes.CanonicalJson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WorkloadHealthTest {

  private static Health health(String group, String kind, String json) {
    return WorkloadHealth.of(
            group,
            kind,
            CanonicalJson.read(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8)))
        .health();
  }

  @Test
  void deployment() {
    String spec = "'metadata':{'generation':2},'spec':{'replicas':3}";
    assertThat(health("apps", "Deployment", "{" + spec + ",'status':{'observedGeneration':1}}"))
        .isEqualTo(Health.PROGRESSING);
    assertThat(
            health(
                "apps",
                "Deployment",
                "{"
                    + spec
                    + ",'status':{'observedGeneration':2,'replicas':3,'updatedReplicas':3,'availableReplicas':2}}"))
        .isEqualTo(Health.PROGRESSING);
    assertThat(
            health(
                "apps",
                "Deployment",
                "{"
                    + spec
                    + ",'status':{'observedGeneration':2,'replicas':3,'updatedReplicas':3,'availableReplicas':3}}"))
        .isEqualTo(Health.HEALTHY);
    assertThat(
            health(
                "apps",
                "Deployment",
                "{"
                    + spec
                    + ",'status':{'conditions':[{'type':'Progressing','status':'False','reason':'ProgressDeadlineExceeded'}]}}"))
        .isEqualTo(Health.DEGRADED);
  }

  @Test
  void statefulSetAndDaemonSet() {
    assertThat(
            health(
                "apps",
                "StatefulSet",
                "{'spec':{'replicas':2},'status':{'readyReplicas':1,'updatedReplicas':2}}"))
        .isEqualTo(Health.PROGRESSING);
    assertThat(
            health(
                "apps",
                "StatefulSet",
                "{'spec':{'replicas':2},'status':{'readyReplicas':2,'updatedReplicas':2}}"))
        .isEqualTo(Health.HEALTHY);
    assertThat(
            health(
                "apps",
                "DaemonSet",
                "{'status':{'desiredNumberScheduled':3,'updatedNumberScheduled':3,'numberAvailable':1}}"))
        .isEqualTo(Health.PROGRESSING);
    assertThat(
            health(
                "apps",
                "DaemonSet",
                "{'status':{'desiredNumberScheduled':3,'updatedNumberScheduled':3,'numberAvailable':3}}"))
        .isEqualTo(Health.HEALTHY);
  }

  @Test
  void jobPodServiceAndClaim() {
    assertThat(health("batch", "Job", "{'status':{}}")).isEqualTo(Health.PROGRESSING);
    assertThat(
            health(
                "batch", "Job", "{'status':{'conditions':[{'type':'Complete','status':'True'}]}}"))
        .isEqualTo(Health.HEALTHY);
    assertThat(health("", "Pod", "{'status':{'phase':'Pending'}}")).isEqualTo(Health.PROGRESSING);
    assertThat(
            health(
                "",
                "Pod",
                "{'status':{'phase':'Running','conditions':[{'type':'Ready','status':'True'}]}}"))
        .isEqualTo(Health.HEALTHY);
    assertThat(
            health(
                "",
                "Pod",
                "{'status':{'phase':'Running','containerStatuses':[{'name':'a','state':{'waiting':{'reason':'CrashLoopBackOff'}}}]}}"))
        .isEqualTo(Health.DEGRADED);
    assertThat(health("", "Service", "{'spec':{'type':'ClusterIP'}}")).isEqualTo(Health.HEALTHY);
    assertThat(health("", "Service", "{'spec':{'type':'LoadBalancer'},'status':{}}"))
        .isEqualTo(Health.PROGRESSING);
    assertThat(
            health(
                "",
                "Service",
                "{'spec':{'type':'LoadBalancer'},'status':{'loadBalancer':{'ingress':[{'ip':'10.0.0.1'}]}}}"))
        .isEqualTo(Health.HEALTHY);
    assertThat(health("", "PersistentVolumeClaim", "{'status':{'phase':'Pending'}}"))
        .isEqualTo(Health.PROGRESSING);
    assertThat(health("", "PersistentVolumeClaim", "{'status':{'phase':'Bound'}}"))
        .isEqualTo(Health.HEALTHY);
    assertThat(health("", "PersistentVolumeClaim", "{'status':{'phase':'Lost'}}"))
        .isEqualTo(Health.DEGRADED);
    assertThat(health("", "ConfigMap", "{}")).isEqualTo(Health.HEALTHY);
  }
}

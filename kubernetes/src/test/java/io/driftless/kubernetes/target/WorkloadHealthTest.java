package io.driftless.kubernetes.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.engine.domain.Health;
import io.driftless.kubernetes.CanonicalJson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkloadHealthTest {

  private static Health health(String group, String kind, String json) {
    return WorkloadHealth.of(
            group,
            kind,
            CanonicalJson.read(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8)))
        .health();
  }

  /**
   * Each workload kind's status, read as a health: group | kind | object (quotes as ') | health.
   */
  @ParameterizedTest(name = "{1} {2} is {3}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
        apps | Deployment | {'metadata':{'generation':2},'spec':{'replicas':3},'status':{'observedGeneration':1}} | PROGRESSING
        apps | Deployment | {'metadata':{'generation':2},'spec':{'replicas':3},'status':{'observedGeneration':2,'replicas':3,'updatedReplicas':3,'availableReplicas':2}} | PROGRESSING
        apps | Deployment | {'metadata':{'generation':2},'spec':{'replicas':3},'status':{'observedGeneration':2,'replicas':3,'updatedReplicas':3,'availableReplicas':3}} | HEALTHY
        apps | Deployment | {'metadata':{'generation':2},'spec':{'replicas':3},'status':{'conditions':[{'type':'Progressing','status':'False','reason':'ProgressDeadlineExceeded'}]}} | DEGRADED
        apps | StatefulSet | {'spec':{'replicas':2},'status':{'readyReplicas':1,'updatedReplicas':2}} | PROGRESSING
        apps | StatefulSet | {'spec':{'replicas':2},'status':{'readyReplicas':2,'updatedReplicas':2}} | HEALTHY
        apps | DaemonSet | {'status':{'desiredNumberScheduled':3,'updatedNumberScheduled':3,'numberAvailable':1}} | PROGRESSING
        apps | DaemonSet | {'status':{'desiredNumberScheduled':3,'updatedNumberScheduled':3,'numberAvailable':3}} | HEALTHY
        batch | Job | {'status':{}} | PROGRESSING
        batch | Job | {'status':{'conditions':[{'type':'Complete','status':'True'}]}} | HEALTHY
        "" | Pod | {'status':{'phase':'Pending'}} | PROGRESSING
        "" | Pod | {'status':{'phase':'Running','conditions':[{'type':'Ready','status':'True'}]}} | HEALTHY
        "" | Pod | {'status':{'phase':'Running','containerStatuses':[{'name':'a','state':{'waiting':{'reason':'CrashLoopBackOff'}}}]}} | DEGRADED
        "" | Service | {'spec':{'type':'ClusterIP'}} | HEALTHY
        "" | Service | {'spec':{'type':'LoadBalancer'},'status':{}} | PROGRESSING
        "" | Service | {'spec':{'type':'LoadBalancer'},'status':{'loadBalancer':{'ingress':[{'ip':'10.0.0.1'}]}}} | HEALTHY
        "" | PersistentVolumeClaim | {'status':{'phase':'Pending'}} | PROGRESSING
        "" | PersistentVolumeClaim | {'status':{'phase':'Bound'}} | HEALTHY
        "" | PersistentVolumeClaim | {'status':{'phase':'Lost'}} | DEGRADED
        "" | ConfigMap | {} | HEALTHY
          """)
  void aWorkloadsStatusReadsAsItsHealth(String group, String kind, String json, Health expected) {
    assertThat(health(group, kind, json)).isEqualTo(expected);
  }
}

package io.driftless.kubernetes.target;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.engine.domain.Health;

/**
 * The health of one live object from its status, for the kinds whose readiness is well defined;
 * every other kind is healthy once it exists. Mirrors the rules of {@code kubectl rollout status}
 * and Argo CD's built-in health checks.
 */
final class WorkloadHealth {

  /** A health with the reason, e.g. "2 of 3 replicas available". */
  record Verdict(Health health, String reason) {
    static Verdict healthy() {
      return new Verdict(Health.HEALTHY, "");
    }

    /** Degraded in a way that waiting will not fix. */
    boolean terminal() {
      return health == Health.DEGRADED;
    }
  }

  private WorkloadHealth() {}

  static Verdict of(String group, String kind, JsonNode object) {
    JsonNode status = object.path("status");
    return switch (group + "/" + kind) {
      case "apps/Deployment" -> deployment(object, status);
      case "apps/StatefulSet" -> statefulSet(object, status);
      case "apps/DaemonSet" -> daemonSet(object, status);
      case "batch/Job" -> job(status);
      case "/Pod" -> pod(status);
      case "/Service" -> service(object, status);
      case "/PersistentVolumeClaim" -> claim(status);
      default -> Verdict.healthy();
    };
  }

  private static Verdict observed(JsonNode object, JsonNode status) {
    long generation = object.path("metadata").path("generation").asLong(0);
    long observed = status.path("observedGeneration").asLong(-1);
    if (generation > 0 && observed < generation) {
      return new Verdict(Health.PROGRESSING, "the controller has not observed the new spec yet");
    }
    return null;
  }

  private static Verdict deployment(JsonNode object, JsonNode status) {
    for (JsonNode condition : status.path("conditions")) {
      if ("Progressing".equals(condition.path("type").asText())
          && "ProgressDeadlineExceeded".equals(condition.path("reason").asText())) {
        return new Verdict(Health.DEGRADED, "progress deadline exceeded");
      }
    }
    Verdict pending = observed(object, status);
    if (pending != null) {
      return pending;
    }
    long replicas = object.path("spec").path("replicas").asLong(1);
    long updated = status.path("updatedReplicas").asLong(0);
    long available = status.path("availableReplicas").asLong(0);
    long total = status.path("replicas").asLong(0);
    if (updated < replicas) {
      return new Verdict(Health.PROGRESSING, updated + " of " + replicas + " replicas updated");
    }
    if (total > updated) {
      return new Verdict(
          Health.PROGRESSING, (total - updated) + " old replicas pending termination");
    }
    if (available < replicas) {
      return new Verdict(Health.PROGRESSING, available + " of " + replicas + " replicas available");
    }
    return Verdict.healthy();
  }

  private static Verdict statefulSet(JsonNode object, JsonNode status) {
    Verdict pending = observed(object, status);
    if (pending != null) {
      return pending;
    }
    long replicas = object.path("spec").path("replicas").asLong(1);
    long ready = status.path("readyReplicas").asLong(0);
    if (ready < replicas) {
      return new Verdict(Health.PROGRESSING, ready + " of " + replicas + " replicas ready");
    }
    boolean rolling =
        !"OnDelete".equals(object.path("spec").path("updateStrategy").path("type").asText());
    if (rolling && status.path("updatedReplicas").asLong(0) < replicas) {
      return new Verdict(
          Health.PROGRESSING,
          status.path("updatedReplicas").asLong(0) + " of " + replicas + " replicas updated");
    }
    return Verdict.healthy();
  }

  private static Verdict daemonSet(JsonNode object, JsonNode status) {
    Verdict pending = observed(object, status);
    if (pending != null) {
      return pending;
    }
    long desired = status.path("desiredNumberScheduled").asLong(0);
    long updated = status.path("updatedNumberScheduled").asLong(0);
    long available = status.path("numberAvailable").asLong(0);
    if (updated < desired) {
      return new Verdict(Health.PROGRESSING, updated + " of " + desired + " pods updated");
    }
    if (available < desired) {
      return new Verdict(Health.PROGRESSING, available + " of " + desired + " pods available");
    }
    return Verdict.healthy();
  }

  private static Verdict job(JsonNode status) {
    for (JsonNode condition : status.path("conditions")) {
      boolean isTrue = "True".equals(condition.path("status").asText());
      String type = condition.path("type").asText();
      if (isTrue && type.equals("Complete")) {
        return Verdict.healthy();
      }
      if (isTrue && type.equals("Failed")) {
        return new Verdict(Health.DEGRADED, "job failed: " + condition.path("message").asText());
      }
    }
    return new Verdict(Health.PROGRESSING, "job has not completed");
  }

  private static Verdict pod(JsonNode status) {
    String phase = status.path("phase").asText();
    for (JsonNode container : status.path("containerStatuses")) {
      String reason = container.path("state").path("waiting").path("reason").asText();
      if (reason.equals("CrashLoopBackOff")
          || reason.equals("ImagePullBackOff")
          || reason.equals("ErrImagePull")
          || reason.equals("CreateContainerConfigError")) {
        return new Verdict(
            Health.DEGRADED, "container " + container.path("name").asText() + ": " + reason);
      }
    }
    switch (phase) {
      case "Succeeded":
        return Verdict.healthy();
      case "Failed":
        return new Verdict(Health.DEGRADED, "pod failed: " + status.path("message").asText());
      case "Running":
        for (JsonNode condition : status.path("conditions")) {
          if ("Ready".equals(condition.path("type").asText())
              && "True".equals(condition.path("status").asText())) {
            return Verdict.healthy();
          }
        }
        return new Verdict(Health.PROGRESSING, "pod is running but not ready");
      default:
        return new Verdict(Health.PROGRESSING, "pod is " + (phase.isEmpty() ? "pending" : phase));
    }
  }

  private static Verdict service(JsonNode object, JsonNode status) {
    if ("LoadBalancer".equals(object.path("spec").path("type").asText())
        && status.path("loadBalancer").path("ingress").isEmpty()) {
      return new Verdict(Health.PROGRESSING, "load balancer has no ingress yet");
    }
    return Verdict.healthy();
  }

  private static Verdict claim(JsonNode status) {
    return switch (status.path("phase").asText()) {
      case "Bound" -> Verdict.healthy();
      case "Lost" -> new Verdict(Health.DEGRADED, "claim lost its volume");
      default -> new Verdict(Health.PROGRESSING, "claim is not bound yet");
    };
  }
}

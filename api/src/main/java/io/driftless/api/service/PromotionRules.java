package io.driftless.api.service;

import io.driftless.api.model.InvalidFieldException;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.PromotionRule;
import io.driftless.engine.port.EnvironmentCatalog;
import io.driftless.engine.port.HostApis;
import io.driftless.engine.port.SourceCatalog;
import io.driftless.engine.port.query.SourceView;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks an environment's promotion rule before it is stored, each refusal a 422 naming the field:
 * {@code promotion.from} must be another registered environment of the same source that does not
 * (through its own rule) receive from this one; {@code via: pull-request} needs the source's host
 * API, and write credentials where the transport takes any ({@code https}, {@code ssh}).
 */
public record PromotionRules(
    EnvironmentCatalog environments, SourceCatalog sources, HostApis hostApis) {

  /** Returns the environment the rule promotes from; null when {@code environment} has no rule. */
  public Environment check(Environment environment) {
    PromotionRule rule = environment.promotion();
    if (rule == null) {
      return null;
    }
    EnvironmentName self = environment.name();
    if (rule.from().equals(self)) {
      throw from("promotion.from must be another environment, not '" + self + "' itself");
    }
    Environment from =
        environments
            .find(rule.from())
            .orElseThrow(() -> from("promotion.from '" + rule.from() + "' is not registered"));
    if (!from.source().equals(environment.source())) {
      throw from(
          "promotion.from '"
              + rule.from()
              + "' is on source '"
              + from.source()
              + "', not on this environment's source '"
              + environment.source()
              + "'");
    }
    Set<EnvironmentName> seen = new HashSet<>(Set.of(self));
    for (Environment e = from; e.promotion() != null; ) {
      EnvironmentName next = e.promotion().from();
      if (!seen.add(next)) {
        throw from(
            "promotion.from '" + rule.from() + "' makes a cycle: it receives from '" + self + "'");
      }
      Optional<Environment> upstream = environments.find(next);
      if (upstream.isEmpty()) {
        break;
      }
      e = upstream.get();
    }
    if (rule.via() == PromotionRule.Via.PULL_REQUEST) {
      checkPullRequests(environment);
    }
    return from;
  }

  private void checkPullRequests(Environment environment) {
    if (hostApis.view(environment.source()).isEmpty()) {
      throw new InvalidFieldException(
          "promotion.via",
          "promotion.via pull-request needs the host API of source '"
              + environment.source()
              + "' (PUT /api/v1/sources/"
              + environment.source()
              + "/host)");
    }
    SourceView source = sources.view(environment.source()).orElse(null);
    if (source != null && !canPush(source)) {
      throw new InvalidFieldException(
          "promotion.via",
          "promotion.via pull-request needs write credentials on source '"
              + environment.source()
              + "' (writeAuth or auth)");
    }
  }

  /** Credentials to push, or a transport that takes none (a local path, {@code git://}). */
  private static boolean canPush(SourceView source) {
    String type = source.writeAuthType() == null ? source.authType() : source.writeAuthType();
    String url = source.url().toLowerCase(Locale.ROOT);
    boolean takesCredentials =
        url.startsWith("https://")
            || url.startsWith("http://")
            || url.startsWith("ssh://")
            || url.matches("^[^/:]+@[^/:]+:.*");
    return !takesCredentials || !"none".equals(type);
  }

  private static InvalidFieldException from(String message) {
    return new InvalidFieldException("promotion.from", message);
  }
}

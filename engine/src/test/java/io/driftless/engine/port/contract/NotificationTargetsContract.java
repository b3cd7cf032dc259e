package io.driftless.engine.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Secret;
import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.port.query.NotificationSummary;
import io.driftless.engine.port.query.NotificationTarget;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link io.driftless.engine.port.NotificationTargets}, for every store that
 * implements it.
 */
public abstract class NotificationTargetsContract extends StoresContract {

  private static final String SLACK_URL = "https://hooks.slack.com/services/T000/B000/slackTOKEN";
  private static final String HOOK_URL = "https://hooks.example.com/driftless?token=urlTOKEN";

  protected static List<NotificationTarget> targets() {
    return List.of(
        new NotificationTarget(
            NotificationTarget.Type.SLACK, Secret.of(SLACK_URL), null, List.of("run.failed")),
        new NotificationTarget(
            NotificationTarget.Type.WEBHOOK, Secret.of(HOOK_URL), Secret.of("hmacKEY"), List.of()));
  }

  @Test
  void targetsReadBackAndReadsShowOnlyTheirSummary() {
    EnvironmentName env = newEnvironment();

    stores.notifications().replace(env, targets());

    assertThat(stores.notifications().targets(env)).isEqualTo(targets());
    assertThat(stores.environments().view(env).orElseThrow().notifications())
        .containsExactly(
            new NotificationSummary("slack", "hooks.slack.com", false, List.of("run.failed")),
            new NotificationSummary("webhook", "hooks.example.com", true, List.of()));
    assertThat(stores.environments().view(env).orElseThrow().toString())
        .doesNotContain("slackTOKEN")
        .doesNotContain("urlTOKEN")
        .doesNotContain("hmacKEY");
  }

  @Test
  void replacingWithNothingRemovesThem() {
    EnvironmentName env = newEnvironment();
    stores.notifications().replace(env, targets());

    stores.notifications().replace(env, List.of());

    assertThat(stores.notifications().targets(env)).isEmpty();
    assertThat(stores.environments().view(env).orElseThrow().notifications()).isEmpty();
  }

  @Test
  void anUnknownEnvironmentOrTooManyTargetsChangeNothing() {
    assertThatThrownBy(
            () -> stores.notifications().replace(EnvironmentName.of("no-such-env"), targets()))
        .isInstanceOf(NotFoundException.class);
    EnvironmentName env = newEnvironment();
    assertThatThrownBy(
            () -> stores.notifications().replace(env, Collections.nCopies(11, targets().get(0))))
        .isInstanceOf(InvalidInputException.class);
    assertThat(stores.notifications().targets(env)).isEmpty();
  }
}

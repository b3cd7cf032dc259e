package io.driftless.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.api.model.ApiError;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.git.GitAccessException;
import io.driftless.engine.git.UnknownRefException;
import io.driftless.engine.port.ConflictException;
import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.process.CommandRefusedException;
import io.driftless.engine.reconcile.EnvironmentBusyException;
import io.driftless.engine.render.RenderException;
import io.driftless.engine.target.TargetConfigException;
import io.driftless.engine.verify.SignatureException;
import io.driftless.scheduler.SchedulingException;
import io.driftless.scheduler.SyncWindowClosedException;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiExceptionMapperTest {
  private final ApiExceptionMapper mapper = new ApiExceptionMapper();

  @Test
  void eachDomainFailureHasItsStatus() {
    EnvironmentName env = EnvironmentName.of("e");
    Map<RuntimeException, Integer> expected =
        Map.ofEntries(
            Map.entry(new NotFoundException("environment", "e"), 404),
            Map.entry(new ConflictException("taken", Map.of()), 409),
            Map.entry(new EnvironmentBusyException(env), 409),
            Map.entry(new SyncWindowClosedException(env, Instant.EPOCH), 409),
            Map.entry(new InvalidInputException("too long", Map.of("field", "reason")), 422),
            Map.entry(new TargetConfigException("target.root", "outside"), 422),
            Map.entry(new CommandRefusedException("target.postApply", "nginx", "off"), 422),
            Map.entry(new UnknownRefException("s", "nope", "no ref nope"), 422),
            Map.entry(new RenderException("a.yaml", 3, "bad"), 422),
            Map.entry(new SignatureException("s", "abc", "unsigned"), 422),
            Map.entry(
                new GitAccessException(
                    "s", "https://h/r", GitAccessException.Reason.values()[0], "down", null),
                502),
            Map.entry(new SchedulingException("db down", null), 503));
    expected.forEach(
        (e, status) -> {
          Response response = mapper.toResponse(e);
          ApiError error = (ApiError) response.getEntity();
          assertThat(response.getStatus()).as(e.toString()).isEqualTo(status);
          assertThat(error.code()).isEqualTo(status);
          assertThat(error.message()).isEqualTo(e.getMessage());
          assertThat(error.details()).containsKey("error");
        });
  }

  @Test
  void anUnexpectedFailureIsA500ThatQuotesNothing() {
    Response response = mapper.toResponse(new IllegalStateException("password=hunter2"));
    ApiError error = (ApiError) response.getEntity();
    assertThat(response.getStatus()).isEqualTo(500);
    assertThat(error.message()).doesNotContain("hunter2").contains(error.details().get("id"));
  }
}

package io.driftless.api.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.driftless.api.model.ApiError;
import io.driftless.api.model.Fields;
import io.driftless.api.model.InvalidFieldException;
import io.driftless.engine.EngineException;
import io.driftless.engine.domain.InvalidGitUrlException;
import io.driftless.engine.git.GitAccessException;
import io.driftless.engine.git.PromotionRefusedException;
import io.driftless.engine.git.PushRefusedException;
import io.driftless.engine.git.UnknownRefException;
import io.driftless.engine.port.ConflictException;
import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.NotFoundException;
import io.driftless.engine.process.CommandRefusedException;
import io.driftless.engine.reconcile.EnvironmentBusyException;
import io.driftless.engine.reconcile.UnknownEnvironmentException;
import io.driftless.engine.render.RenderException;
import io.driftless.engine.target.TargetConfigException;
import io.driftless.engine.verify.SignatureException;
import io.driftless.scheduler.SchedulingException;
import io.driftless.scheduler.SyncWindowClosedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP answers, all shaped {@code {code, message, details}}.
 * Jackson's own messages are never echoed: they can quote the request body, credentials included.
 */
public final class ApiExceptionMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionMapper.class);
  private static final int UNPROCESSABLE = 422;

  @Override
  public Response toResponse(Throwable e) {
    if (e instanceof InvalidFieldException f) {
      return answer(
          UNPROCESSABLE,
          f.getMessage(),
          f.file() == null
              ? Map.of("field", f.field())
              : Map.of("file", f.file(), "field", f.field()));
    }
    if (e instanceof WebApplicationException w) {
      return webApplication(w);
    }
    if (e instanceof JsonProcessingException j) {
      return json(j);
    }
    if (e instanceof EngineException engine) {
      return engine(engine);
    }
    String id = UUID.randomUUID().toString();
    LOG.error("internal error {}", id, e);
    return answer(500, "internal error; see the server log for " + id, Map.of("id", id));
  }

  /** The HTTP status of each domain failure. */
  static int status(EngineException e) {
    if (e instanceof NotFoundException || e instanceof UnknownEnvironmentException) {
      return 404;
    }
    if (e instanceof ConflictException
        || e instanceof PushRefusedException
        || e instanceof EnvironmentBusyException
        || e instanceof SyncWindowClosedException) {
      return 409;
    }
    if (e instanceof InvalidInputException
        || e instanceof TargetConfigException
        || e instanceof CommandRefusedException
        || e instanceof InvalidGitUrlException
        || e instanceof UnknownRefException
        || e instanceof PromotionRefusedException
        || e instanceof RenderException
        || e instanceof SignatureException) {
      return UNPROCESSABLE;
    }
    if (e instanceof GitAccessException) {
      return 502;
    }
    if (e instanceof SchedulingException) {
      return 503;
    }
    return 500;
  }

  private static Response engine(EngineException e) {
    int status = status(e);
    Map<String, String> details = new LinkedHashMap<>(e.details());
    details.put("error", e.code());
    if (status >= 500) {
      LOG.warn("{} answered {}: {}", e.code(), status, e.getMessage());
    }
    return answer(status, e.getMessage(), details);
  }

  private static Response webApplication(WebApplicationException e) {
    Response original = e.getResponse();
    int status = original.getStatus();
    String message =
        switch (status) {
          case 401 -> "a valid token is required: Authorization: Bearer <token>";
          case 403 -> e.getMessage();
          case 404 -> "no such resource";
          case 405 -> "method not allowed";
          case 406 -> "not acceptable: this API speaks application/json";
          case 415 -> "unsupported media type: send application/json";
          default -> e.getMessage();
        };
    Response.ResponseBuilder answer =
        Response.status(status)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(new ApiError(status, message, Map.of()));
    original
        .getHeaders()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("Content-Type")
                  && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> answer.header(name, v));
              }
            });
    return answer.build();
  }

  private static Response json(JsonProcessingException e) {
    if (e instanceof JsonParseException) {
      return answer(400, "the body is not valid JSON", Map.of());
    }
    if (e instanceof JsonMappingException m) {
      String field = Fields.path(m);
      Throwable cause = m.getCause();
      if (cause instanceof InvalidFieldException f) {
        return answer(UNPROCESSABLE, f.getMessage(), Map.of("field", f.field()));
      }
      if (cause instanceof IllegalArgumentException) {
        return answer(
            UNPROCESSABLE, field + " is invalid: " + cause.getMessage(), Map.of("field", field));
      }
      if (m instanceof UnrecognizedPropertyException u) {
        String unknown = field.isEmpty() ? u.getPropertyName() : field;
        return answer(400, "unknown field " + unknown, Map.of("field", unknown));
      }
      return answer(
          400,
          field.isEmpty() ? "the body has the wrong shape" : field + " has the wrong type",
          field.isEmpty() ? Map.of() : Map.of("field", field));
    }
    return answer(400, "the body cannot be read as JSON", Map.of());
  }

  private static Response answer(int status, String message, Map<String, String> details) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ApiError(status, message, details))
        .build();
  }
}

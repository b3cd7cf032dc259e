package io.driftless.api.model;

import io.driftless.engine.domain.CommandSpec;
import java.util.List;

/**
 * A command on the server host (post-apply, health check, render command), run only when the
 * server's {@code commands} setting allows its program. A single-element argv is one command line:
 * plain words run as they are, one with shell syntax through {@code /bin/sh -c} (which needs {@code
 * sh} allowed).
 *
 * @param timeout e.g. {@code 30s}; null for the default
 */
public record CommandBody(List<String> argv, String timeout) {
  public CommandSpec toDomain(String field) {
    return Fields.check(
        field + ".argv", () -> new CommandSpec(argv, Fields.duration(field + ".timeout", timeout)));
  }

  public static CommandBody from(CommandSpec spec) {
    return spec == null ? null : new CommandBody(spec.argv(), Fields.format(spec.timeout()));
  }
}

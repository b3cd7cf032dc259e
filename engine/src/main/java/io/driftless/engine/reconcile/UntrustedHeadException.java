package io.driftless.engine.reconcile;

import io.driftless.engine.EngineException;

/**
 * A preview of an untrusted head (a fork's pull request) would need what such a head never gets: a
 * render command, which would run code and read files the fork controls.
 */
public final class UntrustedHeadException extends EngineException {
  public UntrustedHeadException(String environment) {
    super(
        "preview.untrusted_command",
        "environment "
            + environment
            + " renders with a command, which never runs for a pull request from a fork;"
            + " an operator can approve this head",
        detailsOf("environment", environment));
  }
}

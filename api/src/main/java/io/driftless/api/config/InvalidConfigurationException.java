package io.driftless.api.config;

/**
 * A configuration file the server cannot run with. The message is one line that names the file, the
 * field and the problem, e.g. {@code driftless.yml: auth.adminToken: a token must be ...}; the
 * parser's exception is the cause.
 */
public final class InvalidConfigurationException extends IllegalArgumentException {
  public InvalidConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}

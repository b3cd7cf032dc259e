package io.driftless.ssh;

import io.driftless.engine.EngineException;

/** A private key that cannot be used. The message never quotes the key or its passphrase. */
public final class SshKeyException extends EngineException {
  SshKeyException(String message) {
    super(message);
  }

  @Override
  public String code() {
    return "ssh.key";
  }
}

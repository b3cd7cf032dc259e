package io.driftless.ssh;

import io.driftless.engine.EngineException;
import java.util.Map;

/** A private key that cannot be used. The message never quotes the key or its passphrase. */
public final class SshKeyException extends EngineException {
  SshKeyException(String message) {
    super("ssh.key", message, Map.of());
  }
}

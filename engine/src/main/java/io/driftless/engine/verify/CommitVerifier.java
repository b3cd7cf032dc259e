package io.driftless.engine.verify;

import io.driftless.engine.domain.Source;
import io.driftless.engine.git.Commit;

/** Checks a revision against its source's signature policy before anything is rendered. */
@FunctionalInterface
public interface CommitVerifier {

  /**
   * @throws SignatureException when the source requires a signature the commit does not carry
   */
  void verify(Source source, Commit commit);
}

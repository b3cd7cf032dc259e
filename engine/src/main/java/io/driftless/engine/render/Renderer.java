package io.driftless.engine.render;

import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.Source;
import io.driftless.engine.git.PathTree;

/** Turns the files under an environment's path into desired state. */
public interface Renderer {

  /**
   * @throws RenderException naming the file and line of the first problem
   */
  DesiredState render(Source source, Environment environment, PathTree tree);

  /** The limits of one render of the {@code files} renderer. */
  default RenderLimits limits() {
    return RenderLimits.defaults();
  }
}

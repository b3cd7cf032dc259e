package io.driftless.engine.git;

import java.util.Map;

/**
 * A promotion cannot be built as asked: a matching file is a symbolic link or a submodule (never
 * copied), or a copied file would collide with a file or directory of the receiving path that the
 * promotion does not cover.
 */
public final class PromotionRefusedException extends GitException {
  public PromotionRefusedException(String path, String message) {
    super("git.promotion_refused", message, Map.of("path", path));
  }
}

package io.driftless.engine.git;

import java.util.Map;

/**
 * A promotion cannot be built as asked: a matching file is a symbolic link or a submodule (never
 * copied), or a copied file would collide with a file or directory of the receiving path that the
 * promotion does not cover.
 */
public final class PromotionRefusedException extends GitException {
  private final String path;

  public PromotionRefusedException(String path, String message) {
    super(message);
    this.path = path;
  }

  @Override
  public String code() {
    return "git.promotion_refused";
  }

  @Override
  public Map<String, String> details() {
    return Map.of("path", path);
  }
}

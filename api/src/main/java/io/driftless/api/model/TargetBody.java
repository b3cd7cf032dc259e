package io.driftless.api.model;

import io.driftless.engine.domain.TargetSpec;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Where an environment is applied. Only {@code directory} exists so far.
 *
 * @param root an absolute directory under one of the server's allowed roots
 */
public record TargetBody(
    String type,
    String root,
    CommandBody postApply,
    CommandBody healthCheck,
    String healthTimeout) {

  public TargetSpec toDomain() {
    String kind = Fields.required("target.type", type);
    if (!kind.equals("directory")) {
      throw new InvalidFieldException(
          "target.type", "target.type must be directory (the only target so far): " + kind);
    }
    Path path;
    try {
      path = Path.of(Fields.required("target.root", root));
    } catch (InvalidPathException e) {
      throw new InvalidFieldException("target.root", "target.root is not a path: " + root);
    }
    if (!path.isAbsolute()) {
      throw new InvalidFieldException(
          "target.root", "target.root must be an absolute path: " + root);
    }
    return new TargetSpec.Directory(
        path,
        postApply == null ? null : postApply.toDomain("target.postApply"),
        healthCheck == null ? null : healthCheck.toDomain("target.healthCheck"),
        Fields.duration("target.healthTimeout", healthTimeout));
  }

  public static TargetBody from(TargetSpec spec) {
    TargetSpec.Directory d = (TargetSpec.Directory) spec;
    return new TargetBody(
        d.type(),
        d.root().toString(),
        CommandBody.from(d.postApply()),
        CommandBody.from(d.healthCheck()),
        Fields.format(d.healthTimeout()));
  }
}

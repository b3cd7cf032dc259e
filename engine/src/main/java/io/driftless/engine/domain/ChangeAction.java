package io.driftless.engine.domain;

/** What a change does to a resource. */
public enum ChangeAction {
  CREATE,
  UPDATE,
  DELETE
}

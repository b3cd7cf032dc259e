package io.driftless.engine.port;

import io.driftless.engine.domain.Require;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who declared a registered source or environment: the owner that applied a document naming it (a
 * {@code driftless apply --owner}, later a config environment) and the document's file. An object
 * registered by REST has no owner. The ownership lives with the object and goes when it does.
 */
public interface RegistryOwners {

  /** The kinds of registry object a document declares. */
  enum Kind {
    SOURCE,
    ENVIRONMENT
  }

  /**
   * @param name the owner's name, e.g. {@code team-a} or a config environment's name
   * @param file the document's file, relative to what the owner applied
   */
  record Owner(String name, String file) {
    public Owner {
      Require.text(name, "an owner needs a name");
      file = file == null ? "" : file;
    }
  }

  /** The owner of one object; empty when unowned or unknown. */
  Optional<Owner> find(Kind kind, String name);

  /** Every owned object of one kind, by name. */
  Map<String, Owner> all(Kind kind);

  /** Sets (or, with null, clears) the owner of an existing object; unknown names are ignored. */
  void set(Kind kind, String name, Owner owner);

  /** The names of the retired objects of one kind. */
  Set<String> retired(Kind kind);

  /**
   * Retires an existing object (removed from its documents with prune: a retired environment runs
   * no more, its history is kept) or, with false, restores it; unknown names are ignored.
   */
  void setRetired(Kind kind, String name, boolean retired);

  /**
   * Runs {@code work} so that every registry write it makes through the stores commits together or
   * not at all, where the store allows it (the database stores do; the memory ones run it as is).
   */
  <T> T inOneTransaction(Supplier<T> work);
}

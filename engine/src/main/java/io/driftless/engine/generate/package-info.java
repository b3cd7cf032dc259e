/**
 * Generators of environments as code: which directories of a source's tree a {@code kind:
 * EnvironmentSet} turns into environments ({@link
 * io.driftless.engine.generate.DirectoryGenerator}), and the placeholders its template fills from
 * each directory ({@link io.driftless.engine.generate.DirectoryPlaceholders}). Pure: the tree is
 * listed by the caller.
 */
package io.driftless.engine.generate;

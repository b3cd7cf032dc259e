/**
 * The directory target: files under a root folder on the host, written atomically (staged under the
 * root's reserved staging directory, fsync, rename), never outside the root, with optional
 * post-apply and health-check commands. The server creates one {@link
 * io.driftless.engine.target.directory.DirectoryTargetFactory} with the roots its configuration
 * allows.
 */
package io.driftless.engine.target.directory;

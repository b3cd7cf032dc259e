/**
 * The ports the engine needs from the outside world. The storage module implements them with Jdbi
 * on H2 and PostgreSQL; {@code io.driftless.engine.port.memory} implements them in memory for a
 * single process and for tests. Time comes from an injected {@link java.time.Clock}.
 */
package io.driftless.engine.port;

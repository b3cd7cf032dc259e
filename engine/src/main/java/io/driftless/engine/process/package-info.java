/**
 * Every process the server starts on its own host: one way to start it with a fixed environment,
 * capture a bounded part of its output, bound it by a timeout and kill its whole tree.
 */
package io.driftless.engine.process;

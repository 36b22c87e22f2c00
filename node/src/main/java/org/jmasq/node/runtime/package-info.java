/**
 * Time and threads for a Node: the one place in {@code node} that reads the wall clock or makes
 * threads and executors, so that every subsystem runs the same on the system's clock and on a
 * manual one in tests.
 */
package org.jmasq.node.runtime;

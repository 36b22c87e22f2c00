/**
 * Time and threads for a Node: the one place in {@code node} that reads the wall clock or makes
 * threads and executors, so that every subsystem runs the same on the system's clock and on a
 * manual one in tests.
 *
 * <p>Known exceptions, made by libraries rather than by the Node: the JDK's {@code HttpClient} that
 * the chain's JSON-RPC client uses (its selector thread; its work runs on the runtime's I/O
 * threads), and dnsjava's NIO selector thread when the exit resolves with {@code --dns-servers}.
 * They block only on their own sockets and hold none of the Node's state.
 */
package org.jmasq.node.runtime;

/**
 * What the Node's HTTP clients share: reading an answer's body with a size limit, so that a
 * JSON-RPC provider or a router that answers without end costs bounded memory. No threads or
 * sockets of its own; the callers' clients run on the Node's runtime.
 */
package org.jmasq.node.http;

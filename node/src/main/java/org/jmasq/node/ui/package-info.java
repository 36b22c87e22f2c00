/**
 * The UI gateway: a WebSocket server on the Node's UI port that speaks MASQ's MASQNode-UIv2
 * protocol, so that a UI can ask the running Node what it is doing and change it.
 */
package org.jmasq.node.ui;

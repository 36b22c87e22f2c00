/** Links between Nodes: TLS 1.3 connections bound to the Nodes' keys, carrying live packages. */
package org.jmasq.node.link;

/** The Node: its configuration and the composition root that wires the subsystems together. */
package org.jmasq.node;

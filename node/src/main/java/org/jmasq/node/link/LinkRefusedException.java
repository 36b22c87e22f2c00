package org.jmasq.node.link;

import java.io.IOException;

/**
 * A peer that could not prove who it is, spoke a link protocol this Node does not, or came or was
 * named where this Node takes or makes no link (too many from its address, an address it never
 * dials).
 */
public final class LinkRefusedException extends IOException {
  private static final long serialVersionUID = 1L;

  public LinkRefusedException(String message) {
    super(message);
  }
}

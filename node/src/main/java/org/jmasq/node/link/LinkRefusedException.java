package org.jmasq.node.link;

import java.io.IOException;

/** A peer that could not prove who it is, or spoke a link protocol this Node does not. */
public final class LinkRefusedException extends IOException {
  private static final long serialVersionUID = 1L;

  public LinkRefusedException(String message) {
    super(message);
  }
}

package org.jmasq.node.runtime;

import java.util.concurrent.RejectedExecutionException;

/** A task refused because its mailbox already holds as many tasks as it may: it was dropped. */
public final class MailboxFullException extends RejectedExecutionException {
  private static final long serialVersionUID = 1L;

  MailboxFullException(String mailbox, int capacity) {
    super(mailbox + " is full (" + capacity + " tasks waiting): the task was dropped");
  }
}

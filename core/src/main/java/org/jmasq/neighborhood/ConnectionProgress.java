package org.jmasq.neighborhood;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * How far the attempt to join through one initial neighbor has got. A Pass moves the attempt to a
 * new IP and back to {@link Step#STAGE_ZERO}.
 *
 * @param initialIp the IP of the descriptor the attempt started from
 * @param currentIp where the attempt is now aimed
 * @param answerDeadline when a TCP-established attempt with no Gossip answer fails
 */
public record ConnectionProgress(
    InetAddress initialIp,
    InetAddress currentIp,
    Step step,
    Optional<Failure> failure,
    Optional<Instant> answerDeadline) {

  /** The steps of one attempt. */
  public enum Step {
    STAGE_ZERO,
    TCP_CONNECTION_ESTABLISHED,
    NEIGHBORSHIP_ESTABLISHED,
    FAILED
  }

  /** Why an attempt failed. */
  public enum Failure {
    TCP_CONNECTION_FAILED,
    NO_GOSSIP_RESPONSE_RECEIVED,
    PASS_LOOP_FOUND,
    GOSSIP_FAILURE_RECEIVED,
    /** The debutee answered that another live Node already holds our public IP. */
    IP_TAKEN
  }

  static ConnectionProgress start(InetAddress ip) {
    return new ConnectionProgress(ip, ip, Step.STAGE_ZERO, Optional.empty(), Optional.empty());
  }

  ConnectionProgress tcpEstablished(Instant deadline) {
    return new ConnectionProgress(
        initialIp,
        currentIp,
        Step.TCP_CONNECTION_ESTABLISHED,
        Optional.empty(),
        Optional.of(deadline));
  }

  ConnectionProgress neighborshipEstablished() {
    return new ConnectionProgress(
        initialIp, currentIp, Step.NEIGHBORSHIP_ESTABLISHED, Optional.empty(), Optional.empty());
  }

  ConnectionProgress failed(Failure why) {
    return new ConnectionProgress(
        initialIp, currentIp, Step.FAILED, Optional.of(why), Optional.empty());
  }

  ConnectionProgress passedTo(InetAddress ip) {
    return new ConnectionProgress(
        initialIp, ip, Step.STAGE_ZERO, Optional.empty(), Optional.empty());
  }

  boolean isFinished() {
    return step == Step.FAILED || step == Step.NEIGHBORSHIP_ESTABLISHED;
  }
}

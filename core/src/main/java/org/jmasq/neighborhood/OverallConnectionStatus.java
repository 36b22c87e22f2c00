package org.jmasq.neighborhood;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The join attempts through the initial neighbors and the overall stage derived from them
 * (NotConnected → ConnectedToNeighbor → RouteFound). Owned by the Neighborhood's thread.
 */
public final class OverallConnectionStatus {
  /** How long an attempt waits for a Gossip answer after its TCP connection opens. */
  static final Duration ASK_ABOUT_GOSSIP_INTERVAL = Duration.ofSeconds(10);

  private final List<ConnectionProgress> attempts = new ArrayList<>();
  private ConnectionStage stage = ConnectionStage.NOT_CONNECTED;

  ConnectionStage stage() {
    return stage;
  }

  List<ConnectionProgress> attempts() {
    return List.copyOf(attempts);
  }

  void begin(InetAddress ip) {
    attempts.add(ConnectionProgress.start(ip));
  }

  /**
   * True when {@code ip} is where one of the initial attempts began (a Pass back there is a loop).
   */
  public boolean isInitialAttempt(InetAddress ip) {
    return attempts.stream().anyMatch(a -> a.initialIp().equals(ip));
  }

  /** True when a join attempt is currently aimed at {@code ip}. */
  public boolean isCurrentAttempt(InetAddress ip) {
    return attempts.stream().anyMatch(a -> a.currentIp().equals(ip) && !a.isFinished());
  }

  void tcpEstablished(InetAddress ip, Instant now) {
    update(
        ip,
        a ->
            a.step() == ConnectionProgress.Step.STAGE_ZERO
                ? a.tcpEstablished(now.plus(ASK_ABOUT_GOSSIP_INTERVAL))
                : a);
  }

  void tcpFailed(InetAddress ip) {
    update(
        ip, a -> a.isFinished() ? a : a.failed(ConnectionProgress.Failure.TCP_CONNECTION_FAILED));
  }

  public void passReceived(InetAddress from, InetAddress to) {
    update(from, a -> a.isFinished() ? a : a.passedTo(to));
  }

  public void passLoopFound(InetAddress from) {
    update(from, a -> a.isFinished() ? a : a.failed(ConnectionProgress.Failure.PASS_LOOP_FOUND));
  }

  /**
   * An Introduction, or Standard Gossip that made its sender a full neighbor, came from {@code ip}.
   */
  public ConnectionStage neighborshipEstablished(InetAddress ip) {
    update(ip, a -> a.step() == ConnectionProgress.Step.FAILED ? a : a.neighborshipEstablished());
    if (stage == ConnectionStage.NOT_CONNECTED) {
      stage = ConnectionStage.CONNECTED_TO_NEIGHBOR;
    }
    return stage;
  }

  /**
   * Records a GossipFailure; true when every attempt has now failed with one of the reference's
   * reasons (time to give up). An {@link ConnectionProgress.Failure#IP_TAKEN} attempt never counts
   * toward that: the Node holding the IP may leave, and then this one can join.
   */
  boolean gossipFailureReceived(InetAddress ip, ConnectionProgress.Failure failure) {
    update(ip, a -> a.isFinished() ? a : a.failed(failure));
    return !attempts.isEmpty()
        && attempts.stream()
            .allMatch(
                a ->
                    a.failure()
                        .filter(f -> f == ConnectionProgress.Failure.GOSSIP_FAILURE_RECEIVED)
                        .isPresent());
  }

  /** Fails the attempts whose Gossip answer is overdue; returns how many failed. */
  int expire(Instant now) {
    int[] count = {0};
    attempts.replaceAll(
        a -> {
          if (a.step() == ConnectionProgress.Step.TCP_CONNECTION_ESTABLISHED
              && a.answerDeadline().filter(d -> !now.isBefore(d)).isPresent()) {
            count[0]++;
            return a.failed(ConnectionProgress.Failure.NO_GOSSIP_RESPONSE_RECEIVED);
          }
          return a;
        });
    return count[0];
  }

  void routeFound() {
    stage = ConnectionStage.ROUTE_FOUND;
  }

  /** Drops back from RouteFound (for example after min-hops changed), to be checked again. */
  void routeLost() {
    if (stage == ConnectionStage.ROUTE_FOUND) {
      stage = ConnectionStage.CONNECTED_TO_NEIGHBOR;
    }
  }

  private void update(InetAddress currentIp, UnaryOperator<ConnectionProgress> change) {
    attempts.replaceAll(a -> a.currentIp().equals(currentIp) ? change.apply(a) : a);
  }
}

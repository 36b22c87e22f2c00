package org.jmasq.accountant;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jmasq.identity.Wallet;

/**
 * What the originator owes for the packages of one route, computed as the serving Nodes compute
 * what they earn ({@link ProviderCharges}): each relay of the leg a package travels charges routing
 * on the encrypted payload size, and the exit charges exit on the data size of every request it
 * receives and every response it sends. Services paid to one of the originator's own wallets are
 * left out.
 *
 * <p>Immutable; shared by the threads of one stream.
 */
public final class RouteCharges {
  private final List<ServiceOnRoute> overRelays;
  private final List<ServiceOnRoute> backRelays;
  private final Optional<ServiceOnRoute> exit;
  private final ChargeSink sink;

  /**
   * @param overRelays the relays between the originator and the exit, in order
   * @param exit the exit, unless it is this Node
   * @param backRelays the relays between the exit and the originator, in order
   */
  RouteCharges(
      List<ServiceOnRoute> overRelays,
      Optional<ServiceOnRoute> exit,
      List<ServiceOnRoute> backRelays,
      Set<Wallet> ownWallets,
      ChargeSink sink) {
    for (ServiceOnRoute s : overRelays) {
      requireService(s, Service.ROUTING);
    }
    for (ServiceOnRoute s : backRelays) {
      requireService(s, Service.ROUTING);
    }
    exit.ifPresent(s -> requireService(s, Service.EXIT));
    this.overRelays =
        overRelays.stream().filter(s -> !ownWallets.contains(s.earningWallet())).toList();
    this.backRelays =
        backRelays.stream().filter(s -> !ownWallets.contains(s.earningWallet())).toList();
    this.exit = exit.filter(s -> !ownWallets.contains(s.earningWallet()));
    this.sink = sink;
  }

  /** A route that costs nothing: zero-hop, or a Node that serves itself. */
  public static RouteCharges free() {
    return new RouteCharges(List.of(), Optional.empty(), List.of(), Set.of(), ChargeSink.NONE);
  }

  private static void requireService(ServiceOnRoute s, Service expected) {
    if (s.service() != expected) {
      throw new IllegalArgumentException(
          "service on route: " + s.service() + " (expected: " + expected + ")");
    }
  }

  /**
   * A package sent toward the exit: routing for each over relay on {@code encryptedSize}, and exit
   * on {@code requestDataSize} when it carries a request (an acknowledgement carries none).
   */
  public void sentOver(long encryptedSize, Optional<Integer> requestDataSize) {
    charge(overRelays, encryptedSize);
    requestDataSize.ifPresent(
        size ->
            exit.ifPresent(
                s -> sink.owe(s.earningWallet(), Service.EXIT.charge(s.ratePack(), size))));
  }

  /**
   * A package received from the exit: routing for each back relay on {@code encryptedSize}, and
   * exit on {@code responseDataSize} when it carries a response.
   */
  public void receivedBack(long encryptedSize, Optional<Integer> responseDataSize) {
    charge(backRelays, encryptedSize);
    responseDataSize.ifPresent(
        size ->
            exit.ifPresent(
                s -> sink.owe(s.earningWallet(), Service.EXIT.charge(s.ratePack(), size))));
  }

  private void charge(List<ServiceOnRoute> relays, long size) {
    for (ServiceOnRoute s : relays) {
      sink.owe(s.earningWallet(), Service.ROUTING.charge(s.ratePack(), size));
    }
  }
}

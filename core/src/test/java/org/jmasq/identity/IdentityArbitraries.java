package org.jmasq.identity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.jmasq.crypto.PublicKey;

/** Generators for identity values, shared by the codec property tests of every package. */
public final class IdentityArbitraries {
  private IdentityArbitraries() {}

  public static Arbitrary<InetAddress> ips() {
    Arbitrary<byte[]> v4 = Arbitraries.bytes().array(byte[].class).ofSize(4);
    Arbitrary<byte[]> v6 = Arbitraries.bytes().array(byte[].class).ofSize(16);
    return Arbitraries.oneOf(v4, v6).map(IdentityArbitraries::address);
  }

  private static InetAddress address(byte[] raw) {
    try {
      return InetAddress.getByAddress(raw);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 and 16 bytes are always an address", e);
    }
  }

  public static Arbitrary<NodeAddr> nodeAddrs(int minPorts) {
    Arbitrary<List<Integer>> ports =
        Arbitraries.integers()
            .between(1, 65535)
            .list()
            .ofMinSize(minPorts)
            .ofMaxSize(NodeAddr.MAX_PORTS);
    return Combinators.combine(ips(), ports).as(NodeAddr::new);
  }

  public static Arbitrary<PublicKey> publicKeys() {
    return Arbitraries.bytes().array(byte[].class).ofSize(PublicKey.LENGTH).map(PublicKey::of);
  }

  public static Arbitrary<PublicKey> firstContactKeys() {
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofSize(PublicKey.HALF)
        .map(PublicKey::firstContact);
  }

  public static Arbitrary<Wallet> wallets() {
    return Arbitraries.bytes().array(byte[].class).ofSize(Wallet.LENGTH).map(Wallet::of);
  }
}

package org.jmasq.cores;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jmasq.crypto.Envelope;
import org.jmasq.wire.DecodeException;
import org.jmasq.wire.WireReader;
import org.jmasq.wire.WireWriter;

/**
 * A route as it travels: a list of sealed hop blocks, each opened by one Node only. Shifting
 * removes the top block and appends a padding block of the same size, so the route's length never
 * tells a Node where on the route it is.
 *
 * <pre>
 *  +-----------+----------------------------------------------+
 *  | count u8  | count × hop block ({@value #BLOCK_LENGTH} bytes, see {@link Envelope})  |
 *  | 1..{@value #MAX_HOPS} |                                              |
 *  +-----------+----------------------------------------------+
 * </pre>
 */
public final class Route {
  public static final int BLOCK_LENGTH = Envelope.OVERHEAD + HopContent.PLAIN_LENGTH;

  /**
   * The longest route a Node builds, and so the longest one any Node accepts. The route finder's
   * over leg takes at most 6 hops (the largest min-hops) and 3 more while it looks for an exit in a
   * wanted country: 9 blocks. Its back leg may take 2 hops more than the over leg: 11 hops, 10
   * relay blocks and the exit's. The originator adds its own final hop and the return route id: 9 +
   * 1 + 10 + 2 = 22. A longer route serves nobody but an attacker who wants Nodes to relay one
   * package many times over.
   */
  public static final int MAX_HOPS = 22;

  /**
   * The fewest blocks a route has wherever a relay opens its block: the originator's own (opened
   * and shifted before the package ever left it, so now padding at the end), the relay's, and the
   * next Node's. A package for a relay with fewer never had its sender's block: someone made it so
   * that, passed on, it looks like the relay's own one-hop package (Gossip, for instance) to the
   * next Node. A relay refuses it, so that nothing it passes on can be taken for its own.
   */
  public static final int MIN_RELAYED_BLOCKS = 3;

  /**
   * The blocks of a package sent straight to a neighbor ({@code [sender, neighbor]}), as the
   * neighbor receives it: its own block and the sender's padding. Gossip is believed to come from
   * the link's peer only in a route this long.
   */
  public static final int ONE_HOP_BLOCKS = 2;

  private final List<byte[]> blocks;

  public Route(List<byte[]> blocks) {
    if (blocks.isEmpty() || blocks.size() > MAX_HOPS) {
      throw new IllegalArgumentException(
          "route: " + blocks.size() + " hops (expected: 1~" + MAX_HOPS + ")");
    }
    List<byte[]> copy = new ArrayList<>(blocks.size());
    for (byte[] block : blocks) {
      if (block.length != BLOCK_LENGTH) {
        throw new IllegalArgumentException(
            "hop block: " + block.length + " bytes (expected: " + BLOCK_LENGTH + ")");
      }
      copy.add(block.clone());
    }
    this.blocks = List.copyOf(copy);
  }

  public int size() {
    return blocks.size();
  }

  /**
   * The sealer of block {@code index} (its ephemeral key and nonce prefix): an originator seals a
   * route's block for one Node under one sealer for every package of that route, so it names the
   * route at that Node without opening anything.
   */
  public Envelope.SealerId blockSealer(int index) {
    return Envelope.positionOf(blocks.get(index), 0).sealer();
  }

  byte[] block(int index) {
    return blocks.get(index).clone();
  }

  /** Copies block {@code index} into {@code target} at {@code offset}. */
  void copyBlock(int index, byte[] target, int offset) {
    System.arraycopy(blocks.get(index), 0, target, offset, BLOCK_LENGTH);
  }

  /** The route without its top block and with {@code padding} appended. */
  Route shifted(byte[] padding) {
    List<byte[]> next = new ArrayList<>(blocks.subList(1, blocks.size()));
    next.add(padding);
    return new Route(next);
  }

  void encode(WireWriter out) {
    out.u8(blocks.size());
    blocks.forEach(out::fixed);
  }

  static Route decode(WireReader in) throws DecodeException {
    int count = in.u8("route.count");
    if (count == 0 || count > MAX_HOPS) {
      throw new DecodeException(
          DecodeException.Kind.TOO_LONG,
          "route.count: " + count + " (expected: 1~" + MAX_HOPS + ")");
    }
    List<byte[]> blocks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      blocks.add(in.fixed(BLOCK_LENGTH, "route.hop"));
    }
    return new Route(blocks);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Route other) || other.blocks.size() != blocks.size()) {
      return false;
    }
    for (int i = 0; i < blocks.size(); i++) {
      if (!Arrays.equals(blocks.get(i), other.blocks.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (byte[] block : blocks) {
      h = 31 * h + Arrays.hashCode(block);
    }
    return h;
  }

  @Override
  public String toString() {
    return "Route[" + blocks.size() + " hops]";
  }
}

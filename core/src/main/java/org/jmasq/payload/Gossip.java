package org.jmasq.payload;

import java.util.ArrayList;
import java.util.List;
import org.jmasq.wire.DecodeException;
import org.jmasq.wire.WireReader;
import org.jmasq.wire.WireWriter;

/**
 * Signed Node records, passed between neighbors.
 *
 * <pre>
 *  +--------------+-----------------------------------+
 *  | count u16    | count × GossipNodeRecord          |
 *  | ≤ 512        |                                   |
 *  +--------------+-----------------------------------+
 * </pre>
 */
public record Gossip(List<GossipNodeRecord> records) implements MessageType {
  static final int TYPE = 4;

  /**
   * The most records one Gossip carries. Standard Gossip carries the sender's database, which holds
   * about the sender's patch: in the simulator at 1,000 Nodes the largest held 111 records at the
   * default minimum of three hops (degrees are bounded, so a larger network does not make that
   * larger) and 486 at six hops, the most a Node may ask for. 512 carries either whole; a larger
   * database (six hops in a much larger network) sends the records nearest the target ({@code
   * GossipProducer}), which is what the target learns from. More would only let a peer make a Node
   * decode and hold more.
   */
  public static final int MAX_RECORDS = 512;

  public Gossip {
    records = List.copyOf(records);
    if (records.size() > MAX_RECORDS) {
      throw new IllegalArgumentException(
          "records: " + records.size() + " (expected: at most " + MAX_RECORDS + ")");
    }
  }

  @Override
  public int typeCode() {
    return TYPE;
  }

  @Override
  public void encodeBody(WireWriter out) {
    out.u16(records.size());
    records.forEach(r -> r.encode(out));
  }

  static Gossip decodeBody(WireReader in) throws DecodeException {
    int count = in.u16("gossip.count");
    if (count > MAX_RECORDS) {
      throw new DecodeException(
          DecodeException.Kind.TOO_LONG,
          "gossip.count: " + count + " (expected: at most " + MAX_RECORDS + ")");
    }
    List<GossipNodeRecord> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      records.add(GossipNodeRecord.decode(in));
    }
    return new Gossip(records);
  }
}

package org.jmasq.identity;

import static org.jmasq.wire.FuzzContract.assertRoundTrip;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jmasq.wire.DecodeException;
import org.jmasq.wire.FuzzContract;
import org.jmasq.wire.WireReader;
import org.jmasq.wire.WireWriter;

/**
 * Fuzz targets for how Nodes are named: descriptors as a user or a config file gives them, and the
 * address beside each record in Gossip. The corpus is in {@code DescriptorFuzzTestInputs}; see
 * docs/FUZZING.md.
 */
class DescriptorFuzzTest {
  private static final FuzzContract WIRE = FuzzContract.refusingWith(DecodeException.class);
  private static final FuzzContract TEXT =
      FuzzContract.refusingWith(IllegalArgumentException.class);

  @FuzzTest
  void a_descriptor_is_parsed_or_refused(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    Optional<NodeDescriptor> parsed = TEXT.decode(input.length, () -> parseExplained(text));
    if (parsed.isEmpty()) {
      return;
    }
    // The printed form names the key by its encryption half only, so compare by Node.
    NodeDescriptor descriptor = parsed.get();
    NodeDescriptor again = NodeDescriptor.parse(descriptor.toString());
    if (again.chain() != descriptor.chain()
        || !again.nodeAddr().equals(descriptor.nodeAddr())
        || !again.key().sameNodeAs(descriptor.key())) {
      throw new AssertionError("'" + text + "' printed as " + descriptor + " parsed as " + again);
    }
    assertRoundTrip(again, NodeDescriptor.parse(again.toString()));
  }

  /** Parses, and fails the target unless a refusal says it is about a malformed descriptor. */
  private static NodeDescriptor parseExplained(String text) {
    try {
      return NodeDescriptor.parse(text);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() == null || !e.getMessage().startsWith("malformed node descriptor '")) {
        throw new AssertionError("a refusal that does not explain itself: " + e, e);
      }
      throw e;
    }
  }

  @FuzzTest
  void a_node_address_is_decoded_or_refused(byte[] input) throws DecodeException {
    Optional<NodeAddr> addr =
        WIRE.decode(input.length, () -> NodeAddr.decode(new WireReader(input)));
    if (addr.isPresent()) {
      WireWriter out = new WireWriter();
      addr.get().encode(out);
      assertRoundTrip(addr.get(), NodeAddr.decode(new WireReader(out.toByteArray())));
    }
  }
}

package org.jmasq.node.link;

import static org.jmasq.wire.FuzzContract.assertRoundTrip;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.jmasq.wire.FuzzContract;

/**
 * A fuzz target for the first bytes a peer sends inside a new link: its hello, read from the stream
 * as the handshake reads it. The corpus is in {@code LinkHelloFuzzTestInputs}; see docs/FUZZING.md.
 */
class LinkHelloFuzzTest {
  private static final FuzzContract CONTRACT = FuzzContract.refusingWith(IOException.class);

  @FuzzTest
  void a_link_hello_is_parsed_or_refused(byte[] input) throws IOException {
    Optional<LinkHandshake.Hello> parsed =
        CONTRACT.decode(input.length, () -> LinkHandshake.Hello.parse(input));
    Optional<LinkHandshake.Hello> read =
        CONTRACT.decode(
            input.length,
            () -> LinkHandshake.Hello.read(new DataInputStream(new ByteArrayInputStream(input))));
    if (parsed.isPresent()) {
      if (!Arrays.equals(parsed.get().encode(), input)) {
        throw new AssertionError("a parsed hello encodes to other bytes: " + parsed.get());
      }
      assertRoundTrip(parsed.get(), LinkHandshake.Hello.parse(parsed.get().encode()));
    }
    // The stream reader stops after one hello; it accepts whatever prefix parse accepts.
    Optional<LinkHandshake.Hello> prefix =
        input.length < LinkHandshake.Hello.LENGTH
            ? Optional.empty()
            : CONTRACT.decode(
                input.length,
                () -> LinkHandshake.Hello.parse(Arrays.copyOf(input, LinkHandshake.Hello.LENGTH)));
    if (!read.equals(prefix)) {
      throw new AssertionError("read " + read + " but the hello's bytes parse as " + prefix);
    }
  }
}

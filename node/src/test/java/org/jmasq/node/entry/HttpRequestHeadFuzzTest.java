package org.jmasq.node.entry;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import org.jmasq.node.proxyserver.Target;
import org.jmasq.payload.ProxyProtocol;
import org.jmasq.wire.FuzzContract;

/**
 * A fuzz target for an HTTP proxy request's head as the entry reads it: the head, where it goes,
 * and the head rewritten for the origin server. The corpus is in {@code
 * HttpRequestHeadFuzzTestInputs}; see docs/FUZZING.md.
 */
class HttpRequestHeadFuzzTest {
  /**
   * Text: Jazzer's compare hooks allocate for each string compare while fuzzing; the parser's own
   * allocation is bounded by HttpRequestHeadTest.
   */
  private static final FuzzContract HEAD =
      FuzzContract.refusingWith(IOException.class, HttpRequestHead.BadRequest.class)
          .allowingPerInputByte(4096);

  private static final FuzzContract TARGET =
      FuzzContract.refusingWith(IllegalArgumentException.class).allowingPerInputByte(4096);

  @FuzzTest
  void a_request_head_is_parsed_or_refused(byte[] input) {
    if (input.length == 0) {
      return;
    }
    Optional<HttpRequestHead> head = HEAD.decode(input.length, () -> read(input));
    if (head.isEmpty()) {
      return;
    }
    Optional<HttpRequestHead.Destination> destination =
        HEAD.decode(input.length, () -> head.get().destination());
    if (destination.isEmpty()) {
      return;
    }
    HttpRequestHead.Destination to = destination.get();
    Optional<Target> target =
        TARGET.decode(input.length, () -> new Target(to.host(), to.port(), ProxyProtocol.HTTP));
    if (target.isEmpty() || head.get().isConnect()) {
      return;
    }
    // What the origin server receives must itself be a well-formed head of the same request.
    byte[] forOrigin = head.get().forOrigin();
    if (forOrigin.length > HttpRequestHead.MAX_HEAD) {
      return;
    }
    HttpRequestHead origin =
        HEAD.decode(forOrigin.length, () -> read(forOrigin))
            .orElseThrow(() -> new AssertionError("the origin's head does not parse: " + head));
    if (!origin.method().equals(head.get().method())
        || !origin.version().equals(head.get().version())) {
      throw new AssertionError(head.get() + " became " + origin);
    }
  }

  private static HttpRequestHead read(byte[] bytes) throws Exception {
    return HttpRequestHead.read(
        new ByteArrayInputStream(bytes, 1, bytes.length - 1), bytes[0] & 0xff);
  }
}

package org.jmasq.cores;

import java.util.Arrays;
import java.util.Optional;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.Wallet;
import org.jmasq.wire.DecodeException;
import org.jmasq.wire.WireReader;
import org.jmasq.wire.WireWriter;

/**
 * What one hop block of a route holds once opened. Every kind encodes to exactly {@link
 * #PLAIN_LENGTH} bytes, so all sealed blocks have one size and a route's blocks cannot be told
 * apart by length.
 *
 * <pre>
 * LiveHop (kind 1)                               ReturnRouteId (kind 2)
 *  0      kind = 1                                0      kind = 2
 *  1      component code (0..3)                   1..4   return route id, u32
 *  2      flags: bit0 next key, bit1 payer        5..159 zero
 *  3..66  next Node's public key (zero if none)
 *  67..86 payer wallet address (zero if none)
 *  87..118 payer proof r
 *  119..150 payer proof s
 *  151    payer proof v (0 or 1)
 *  152..159 tag step, u64 (added to the package's tag when this hop passes it on)
 * </pre>
 */
public sealed interface HopContent {
  int PLAIN_LENGTH = 160;

  byte[] encode();

  static HopContent decode(byte[] plain) throws DecodeException {
    if (plain.length != PLAIN_LENGTH) {
      throw new DecodeException(
          DecodeException.Kind.INVALID_FIELD,
          "hop: " + plain.length + " bytes (expected: " + PLAIN_LENGTH + ")");
    }
    WireReader in = new WireReader(plain);
    int kind = in.u8("hop.kind");
    HopContent content =
        switch (kind) {
          case LiveHop.KIND -> LiveHop.decodeBody(in);
          case ReturnRouteId.KIND -> new ReturnRouteId(in.u32("hop.return_route_id"));
          default ->
              throw new DecodeException(
                  DecodeException.Kind.UNKNOWN_CODE, "hop.kind: " + kind + " (expected: 1 or 2)");
        };
    for (byte b : in.rest()) {
      if (b != 0) {
        throw new DecodeException(DecodeException.Kind.INVALID_FIELD, "hop padding is not zero");
      }
    }
    return content;
  }

  private static byte[] pad(WireWriter out) {
    return Arrays.copyOf(out.toByteArray(), PLAIN_LENGTH);
  }

  /**
   * A routing instruction: what to do here and, unless this is the last hop, whom to send to next.
   * {@code tagStep} is what this hop adds to the package's tag before it passes the package on
   * (wrapping at 2^64): the originator draws one per hop at random, so the tag, which each hop
   * needs to tell packages apart, differs on every link of the route.
   */
  record LiveHop(
      Optional<PublicKey> nextKey, Optional<Payer> payer, Component component, long tagStep)
      implements HopContent {
    static final int KIND = 1;

    public LiveHop {
      if (nextKey == null || payer == null || component == null) {
        throw new IllegalArgumentException("LiveHop fields may not be null");
      }
    }

    /** A hop whose tag step is zero, as hand-made routes in tests of one class have. */
    public LiveHop(Optional<PublicKey> nextKey, Optional<Payer> payer, Component component) {
      this(nextKey, payer, component, 0);
    }

    @Override
    public byte[] encode() {
      WireWriter out = new WireWriter(PLAIN_LENGTH);
      out.u8(KIND)
          .u8(component.code())
          .u8((nextKey.isPresent() ? 1 : 0) | (payer.isPresent() ? 2 : 0));
      out.fixed(nextKey.map(PublicKey::bytes).orElseGet(() -> new byte[PublicKey.LENGTH]));
      if (payer.isPresent()) {
        Payer p = payer.get();
        out.fixed(p.wallet().address()).fixed(p.r()).fixed(p.s()).u8(p.v());
      } else {
        out.fixed(new byte[Payer.ENCODED_LENGTH]);
      }
      out.u64(tagStep);
      return pad(out);
    }

    static LiveHop decodeBody(WireReader in) throws DecodeException {
      Component component = Component.fromCode(in.u8("hop.component"));
      int flags = in.u8("hop.flags");
      if ((flags & ~3) != 0) {
        throw new DecodeException(
            DecodeException.Kind.INVALID_FIELD, "hop.flags: " + flags + " (expected: 0~3)");
      }
      byte[] key = in.fixed(PublicKey.LENGTH, "hop.next_key");
      byte[] wallet = in.fixed(Wallet.LENGTH, "hop.payer.wallet");
      byte[] r = in.fixed(32, "hop.payer.r");
      byte[] s = in.fixed(32, "hop.payer.s");
      int v = in.u8("hop.payer.v");
      long tagStep = in.u64("hop.tag_step");
      Optional<PublicKey> next =
          (flags & 1) != 0 ? Optional.of(PublicKey.of(key)) : Optional.empty();
      if (next.isEmpty()) {
        requireZero(key, "hop.next_key");
      }
      Optional<Payer> payer = Optional.empty();
      if ((flags & 2) == 0) {
        requireZero(wallet, "hop.payer.wallet");
        requireZero(r, "hop.payer.r");
        requireZero(s, "hop.payer.s");
        requireZero(new byte[] {(byte) v}, "hop.payer.v");
      } else {
        if (v > 1) {
          throw new DecodeException(
              DecodeException.Kind.INVALID_FIELD, "hop.payer.v: " + v + " (expected: 0 or 1)");
        }
        payer = Optional.of(new Payer(Wallet.of(wallet), r, s, v));
      }
      return new LiveHop(next, payer, component, tagStep);
    }
  }

  private static void requireZero(byte[] bytes, String field) throws DecodeException {
    for (byte b : bytes) {
      if (b != 0) {
        throw new DecodeException(
            DecodeException.Kind.INVALID_FIELD, field + ": must be zero when absent");
      }
    }
  }

  /** The originator's own note, sealed to itself, of which pending request a response answers. */
  record ReturnRouteId(long id) implements HopContent {
    static final int KIND = 2;

    public ReturnRouteId {
      if (id < 0 || id > 0xffffffffL) {
        throw new IllegalArgumentException("return route id: " + id + " (expected: u32)");
      }
    }

    @Override
    public byte[] encode() {
      return pad(new WireWriter(PLAIN_LENGTH).u8(KIND).u32(id));
    }
  }
}

package org.jmasq.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class WireReaderTest {
  private static void assertRefused(DecodeException.Kind kind, ThrowingCallable read) {
    assertThatThrownBy(read)
        .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }

  @Property(tries = 200)
  void integers_read_back_as_written(
      @ForAll @IntRange(max = 0xff) int u8,
      @ForAll @IntRange(max = 0xffff) int u16,
      @ForAll @LongRange(max = 0xffffffffL) long u32,
      @ForAll long u64,
      @ForAll boolean flag)
      throws DecodeException {
    byte[] bytes = new WireWriter().u8(u8).u16(u16).u32(u32).u64(u64).bool(flag).toByteArray();
    assertThat(bytes).hasSize(1 + 2 + 4 + 8 + 1);
    WireReader in = new WireReader(bytes);
    assertThat(in.u8("a")).isEqualTo(u8);
    assertThat(in.u16("b")).isEqualTo(u16);
    assertThat(in.u32("c")).isEqualTo(u32);
    assertThat(in.u64("d")).isEqualTo(u64);
    assertThat(in.bool("e")).isEqualTo(flag);
    in.expectEnd("all");
  }

  @Property(tries = 200)
  void length_prefixed_bytes_read_back_as_written(
      @ForAll @Size(max = 255) byte[] small, @ForAll @Size(max = 1000) byte[] large)
      throws DecodeException {
    byte[] bytes =
        new WireWriter()
            .bytesU8(small, 255)
            .bytesU16(large, 1000)
            .bytesU32(large, 1000)
            .toByteArray();
    WireReader in = new WireReader(bytes);
    assertThat(in.bytesU8(255, "a")).isEqualTo(small);
    assertThat(in.bytesU16(1000, "b")).isEqualTo(large);
    assertThat(in.bytesU32(1000, "c")).isEqualTo(large);
    assertThat(in.remaining()).isZero();
  }

  @Test
  void integers_are_big_endian() throws DecodeException {
    assertThat(new WireWriter().u16(0x0102).u32(0x03040506L).toByteArray())
        .containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(new WireReader(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0}).u32("x"))
        .isEqualTo(0xfffe0000L);
  }

  @Test
  void reading_past_the_end_is_refused_as_truncated_with_the_field_named() {
    WireReader in = new WireReader(new byte[3]);
    assertThatThrownBy(() -> in.u32("hop.id"))
        .isInstanceOf(DecodeException.class)
        .hasMessage("TRUNCATED: hop.id: needs 4 bytes, 3 left");
    assertRefused(DecodeException.Kind.TRUNCATED, () -> new WireReader(new byte[0]).u8("x"));
    assertRefused(DecodeException.Kind.TRUNCATED, () -> new WireReader(new byte[7]).u64("x"));
    assertRefused(
        DecodeException.Kind.TRUNCATED,
        () -> new WireReader(new byte[] {5, 1, 2}).bytesU8(10, "x"));
  }

  @Test
  void a_length_above_its_maximum_is_refused_before_anything_is_allocated() {
    assertRefused(
        DecodeException.Kind.TOO_LONG,
        () -> new WireReader(new byte[] {5, 1, 2, 3, 4, 5}).bytesU8(4, "x"));
    assertRefused(
        DecodeException.Kind.TOO_LONG, () -> new WireReader(new byte[] {0, 5}).bytesU16(4, "x"));
    assertRefused(
        DecodeException.Kind.TOO_LONG,
        () ->
            new WireReader(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff})
                .bytesU32(Integer.MAX_VALUE, "x"));
  }

  @Test
  void a_flag_other_than_zero_or_one_is_refused() {
    assertRefused(
        DecodeException.Kind.INVALID_FIELD, () -> new WireReader(new byte[] {2}).bool("x"));
  }

  @Test
  void text_that_is_not_strict_utf8_is_refused() throws DecodeException {
    assertRefused(
        DecodeException.Kind.INVALID_FIELD,
        () -> new WireReader(new byte[] {1, (byte) 0x80}).textU8(10, "x"));
    // An encoded surrogate (CESU-8) is not UTF-8.
    assertRefused(
        DecodeException.Kind.INVALID_FIELD,
        () ->
            new WireReader(new byte[] {3, (byte) 0xed, (byte) 0xa0, (byte) 0x80}).textU8(10, "x"));
    byte[] ok = new WireWriter().textU8("grüß", 10).toByteArray();
    assertThat(new WireReader(ok).textU8(10, "x")).isEqualTo("grüß");
    assertThat(ok[0]).isEqualTo((byte) "grüß".getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void bytes_left_over_are_refused_where_none_are_allowed() throws DecodeException {
    WireReader in = new WireReader(new byte[] {1, 2});
    in.u8("x");
    assertRefused(DecodeException.Kind.TRAILING_BYTES, () -> in.expectEnd("thing"));
    assertThat(in.rest()).containsExactly(2);
    in.expectEnd("thing");
  }

  @Test
  void a_reader_over_part_of_an_array_stays_inside_it() throws DecodeException {
    WireReader in = new WireReader(new byte[] {9, 1, 2, 9}, 1, 2);
    assertThat(in.u16("x")).isEqualTo(0x0102);
    assertRefused(DecodeException.Kind.TRUNCATED, () -> in.u8("y"));
    assertThatThrownBy(() -> new WireReader(new byte[2], 1, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void the_writer_refuses_to_emit_what_a_reader_must_refuse() {
    assertThatThrownBy(() -> new WireWriter().u8(256)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WireWriter().u16(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WireWriter().u32(1L << 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WireWriter().bytesU8(new byte[5], 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WireWriter().bytesU8(new byte[256], 1000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WireWriter().bytesU16(new byte[5], 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WireWriter().bytesU32(new byte[5], 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WireWriter().textU8("ü".repeat(3), 5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_decode_exception_names_its_kind_in_its_message() {
    assertThat(new DecodeException(DecodeException.Kind.TOO_LONG, "x: 9 bytes"))
        .hasMessage("TOO_LONG: x: 9 bytes");
  }
}

package org.jmasq.blockchain;

import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the largest block range a provider allows from the text of its refusal, so the next
 * receivable scan asks for no more. Providers word it differently; these are the phrasings the
 * reference recognizes (Part 2 §6.3).
 */
public final class BlockRangeLimit {
  private static final List<Pattern> PHRASES =
      List.of(
          Pattern.compile("max:\\s*(\\d+)", Pattern.CASE_INSENSITIVE),
          Pattern.compile("allowed for your plan:\\s*(\\d+)", Pattern.CASE_INSENSITIVE),
          Pattern.compile("is limited to\\s*(\\d+)", Pattern.CASE_INSENSITIVE),
          Pattern.compile("block range limit\\s*\\((\\d+)", Pattern.CASE_INSENSITIVE),
          Pattern.compile("exceeds max block range\\s*(\\d+)", Pattern.CASE_INSENSITIVE),
          Pattern.compile("maximum allowed is\\s*(\\d+)", Pattern.CASE_INSENSITIVE));

  /** A provider that cannot batch is assumed to allow this many blocks. */
  static final long WHEN_BATCHES_ARE_REFUSED = 1000;

  private BlockRangeLimit() {}

  /** The limit stated in {@code errorText}, if it states one. */
  public static OptionalLong fromError(String errorText) {
    if (errorText == null) {
      return OptionalLong.empty();
    }
    if (errorText.contains("Expected batch, got single.")) {
      return OptionalLong.of(WHEN_BATCHES_ARE_REFUSED);
    }
    for (Pattern phrase : PHRASES) {
      Matcher m = phrase.matcher(errorText);
      if (m.find()) {
        String digits = m.group(1);
        if (digits.length() <= 18 && Long.parseLong(digits) > 0) {
          return OptionalLong.of(Long.parseLong(digits));
        }
      }
    }
    return OptionalLong.empty();
  }
}

package org.jmasq.blockchain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.jmasq.accountant.Wei;
import org.jmasq.identity.Wallet;

/**
 * Decodes the {@code Transfer} logs an {@code eth_getLogs} call returns into incoming payments.
 * Like the reference, one malformed log (fewer than two topics, more than 32 data bytes, no block
 * number, an amount too large) rejects the whole answer: a provider that sends one bad log cannot
 * be trusted with the others.
 */
public final class TransferLogs {
  private TransferLogs() {}

  /** One log as the provider sent it. */
  public record RawLog(List<byte[]> topics, byte[] data, OptionalLong blockNumber) {
    public RawLog {
      topics = List.copyOf(topics);
      data = data.clone();
    }
  }

  /** A payment found on chain. */
  public record IncomingTransfer(Wallet from, Wei amount, long blockNumber) {}

  /** The outcome: the transfers, or why the answer was refused. */
  public sealed interface Result permits Decoded, Refused {}

  public record Decoded(List<IncomingTransfer> transfers) implements Result {
    public Decoded {
      transfers = List.copyOf(transfers);
    }

    /** The highest block seen, if any transfer was found. */
    OptionalLong highestBlock() {
      return transfers.stream().mapToLong(IncomingTransfer::blockNumber).max();
    }
  }

  public record Refused(String reason) implements Result {}

  public static Result decode(List<RawLog> logs) {
    List<IncomingTransfer> out = new ArrayList<>(logs.size());
    for (int i = 0; i < logs.size(); i++) {
      RawLog log = logs.get(i);
      if (log.topics().size() < 2) {
        return new Refused(
            "log " + i + ": " + log.topics().size() + " topics (expected: at least 2)");
      }
      byte[] from = log.topics().get(1);
      if (from.length != 32) {
        return new Refused(
            "log " + i + ": sender topic of " + from.length + " bytes (expected: 32)");
      }
      if (log.data().length > 32) {
        return new Refused(
            "log " + i + ": " + log.data().length + " data bytes (expected: at most 32)");
      }
      if (log.blockNumber().isEmpty()) {
        return new Refused("log " + i + ": no block number");
      }
      BigInteger amount = new BigInteger(1, log.data());
      if (amount.compareTo(Wei.MAX_VALUE) > 0) {
        return new Refused(
            "log " + i + ": amount " + amount + " is too large (expected: below 2^127)");
      }
      out.add(
          new IncomingTransfer(
              Wallet.of(Arrays.copyOfRange(from, 12, 32)),
              Wei.of(amount),
              log.blockNumber().getAsLong()));
    }
    return new Decoded(out);
  }
}

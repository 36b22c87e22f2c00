package org.jmasq.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jmasq.identity.Chain;
import org.jmasq.identity.IpLiteral;
import org.jmasq.identity.NodeDescriptor;
import org.jmasq.node.NeighborhoodMode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses option values, each failure a single sentence that says what was expected. */
final class Converters {
  private Converters() {}

  static final class Mode implements ITypeConverter<NeighborhoodMode> {
    @Override
    public NeighborhoodMode convert(String value) {
      return NeighborhoodMode.fromIdentifier(value)
          .orElseThrow(
              () ->
                  new TypeConversionException(
                      "'"
                          + value
                          + "' is not a mode (expected one of "
                          + NeighborhoodMode.identifiers()
                          + ")"));
    }
  }

  static final class ChainName implements ITypeConverter<Chain> {
    @Override
    public Chain convert(String value) {
      return Chain.fromIdentifier(value)
          .orElseThrow(
              () ->
                  new TypeConversionException(
                      "'"
                          + value
                          + "' is not a chain (expected one of "
                          + Chain.identifiers()
                          + ")"));
    }
  }

  /** Parses with a domain type's own parser, whose one-sentence error becomes the option's. */
  private static <T> T parsed(String value, Function<String, T> parser) {
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /** A log level's name, checked while parsing so that a bad one is a bad option value. */
  static final class LogLevel implements ITypeConverter<String> {
    private static final List<String> LEVELS =
        List.of("off", "error", "warn", "info", "debug", "trace");

    @Override
    public String convert(String value) {
      if (!LEVELS.contains(value)) {
        throw new TypeConversionException(
            "'" + value + "' is not a level (expected one of " + String.join(", ", LEVELS) + ")");
      }
      return value;
    }
  }

  /** A port from 0 (any free port) to 65535. */
  static final class Port implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return ranged(value, 0, 65535, "a port");
    }
  }

  static final class ClandestinePort implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return ranged(value, 1, 65535, "a clandestine port");
    }
  }

  /** The reference's range for {@code --ui-port}: no privileged port. */
  static final class UiPort implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return ranged(value, 1025, 65535, "a UI port");
    }
  }

  static final class MinHops implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return ranged(value, 1, 6, "a hop count");
    }
  }

  /** A number of bytes, from 0 to 2^53 (about 9 PB): more is a typo, not a credit. */
  static final class Bytes implements ITypeConverter<Long> {
    static final long MAX = 1L << 53;

    @Override
    public Long convert(String value) {
      long n;
      try {
        n = Long.parseLong(value.trim());
      } catch (NumberFormatException e) {
        throw new TypeConversionException(
            "'" + value + "' is not a number of bytes (expected: a number 0~" + MAX + ")");
      }
      if (n < 0 || n > MAX) {
        throw new TypeConversionException(n + " is out of range (expected: 0~" + MAX + ")");
      }
      return n;
    }
  }

  private static int ranged(String value, int min, int max, String what) {
    int n;
    try {
      n = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new TypeConversionException(
          "'" + value + "' is not " + what + " (expected: a number " + min + "~" + max + ")");
    }
    if (n < min || n > max) {
      throw new TypeConversionException(n + " is out of range (expected: " + min + "~" + max + ")");
    }
    return n;
  }

  /** A BIP-39 word count: 12, 15, 18, 21 or 24. */
  static final class WordCount implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      String digits = value.trim();
      if (digits.matches("[0-9]{1,2}")
          && org.jmasq.node.blockchain.Mnemonic.WORD_COUNTS.contains(Integer.parseInt(digits))) {
        return Integer.parseInt(digits);
      }
      throw new TypeConversionException(
          "'" + value + "' is not a word count (expected: 12, 15, 18, 21 or 24)");
    }
  }

  /** A BIP-32 path such as {@code m/44'/60'/0'/0/0}, with at least three hardened steps. */
  static final class Derivation
      implements ITypeConverter<org.jmasq.node.blockchain.DerivationPath> {
    @Override
    public org.jmasq.node.blockchain.DerivationPath convert(String value) {
      return parsed(value, org.jmasq.node.blockchain.DerivationPath::parse);
    }
  }

  /** English BIP-39 words; the error names the wrong word, or says the checksum fails. */
  static final class Words implements ITypeConverter<org.jmasq.node.blockchain.Mnemonic> {
    @Override
    public org.jmasq.node.blockchain.Mnemonic convert(String value) {
      return parsed(value, org.jmasq.node.blockchain.Mnemonic::parse);
    }
  }

  /** An IP address literal; host names are refused, so parsing never asks DNS. */
  static final class IpAddress implements ITypeConverter<InetAddress> {
    @Override
    public InetAddress convert(String value) {
      return IpLiteral.parse(value)
          .orElseThrow(() -> new TypeConversionException("'" + value + "' is not an IP address"));
    }
  }

  static final class MappingProtocolName
      implements ITypeConverter<org.jmasq.automap.MappingProtocol> {
    @Override
    public org.jmasq.automap.MappingProtocol convert(String value) {
      return parsed(value, org.jmasq.automap.MappingProtocol::parse);
    }
  }

  static final class WalletAddress implements ITypeConverter<org.jmasq.identity.Wallet> {
    @Override
    public org.jmasq.identity.Wallet convert(String value) {
      return parsed(value, org.jmasq.identity.Wallet::parse);
    }
  }

  /** A consuming wallet's private key: 64 hex digits, never echoed in an error. */
  static final class ConsumingKey implements ITypeConverter<org.jmasq.node.blockchain.WalletKey> {
    @Override
    public org.jmasq.node.blockchain.WalletKey convert(String value) {
      return parsed(value, org.jmasq.node.blockchain.WalletKey::parse);
    }
  }

  static final class Rates implements ITypeConverter<org.jmasq.neighborhood.RatePack> {
    @Override
    public org.jmasq.neighborhood.RatePack convert(String value) {
      return parsed(value, org.jmasq.accountant.RatePacks::parse);
    }
  }

  static final class Thresholds implements ITypeConverter<org.jmasq.accountant.PaymentThresholds> {
    @Override
    public org.jmasq.accountant.PaymentThresholds convert(String value) {
      return parsed(value, org.jmasq.accountant.PaymentThresholds::parse);
    }
  }

  static final class Intervals implements ITypeConverter<org.jmasq.accountant.ScanIntervals> {
    @Override
    public org.jmasq.accountant.ScanIntervals convert(String value) {
      return parsed(value, org.jmasq.accountant.ScanIntervals::parse);
    }
  }

  static final class Url implements ITypeConverter<java.net.URI> {
    @Override
    public java.net.URI convert(String value) {
      try {
        java.net.URI uri = new java.net.URI(value);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
            || uri.getHost() == null) {
          throw new TypeConversionException("'" + value + "' is not an http:// or https:// URL");
        }
        return uri;
      } catch (java.net.URISyntaxException e) {
        throw new TypeConversionException("'" + value + "' is not a URL: " + e.getReason());
      }
    }
  }

  /** Comma-separated {@code masq://} descriptors. */
  static final class Descriptors implements ITypeConverter<List<NodeDescriptor>> {
    @Override
    public List<NodeDescriptor> convert(String value) {
      List<NodeDescriptor> out = new ArrayList<>();
      for (String part : value.split(",", -1)) {
        try {
          out.add(NodeDescriptor.parse(part.trim()));
        } catch (IllegalArgumentException e) {
          throw new TypeConversionException(e.getMessage());
        }
      }
      return out;
    }
  }

  /**
   * Comma-separated DNS servers: IP addresses, each with an optional port ({@code 1.1.1.1}, {@code
   * 127.0.0.1:5353}, {@code [::1]:53}).
   */
  static final class DnsServers implements ITypeConverter<List<InetSocketAddress>> {
    @Override
    public List<InetSocketAddress> convert(String value) {
      List<InetSocketAddress> out = new ArrayList<>();
      for (String part : value.split(",", -1)) {
        out.add(server(part.trim()));
      }
      return out;
    }

    private static InetSocketAddress server(String text) {
      String host = text;
      int port = 53;
      if (text.startsWith("[")) {
        int close = text.indexOf(']');
        if (close < 0) {
          throw bad(text);
        }
        host = text.substring(1, close);
        if (close + 1 < text.length()) {
          port = portOf(text, text.substring(close + 1));
        }
      } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
        host = text.substring(0, text.indexOf(':'));
        port = portOf(text, text.substring(text.indexOf(':')));
      }
      try {
        return new InetSocketAddress(new IpAddress().convert(host), port);
      } catch (TypeConversionException e) {
        throw bad(text);
      }
    }

    private static int portOf(String text, String suffix) {
      if (!suffix.startsWith(":")) {
        throw bad(text);
      }
      try {
        int port = Integer.parseInt(suffix.substring(1));
        if (port >= 1 && port <= 65535) {
          return port;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw bad(text);
    }

    private static TypeConversionException bad(String text) {
      return new TypeConversionException(
          "'" + text + "' is not a DNS server (expected: an IP address with an optional :port)");
    }
  }
}

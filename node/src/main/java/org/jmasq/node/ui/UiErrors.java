package org.jmasq.node.ui;

/**
 * The error codes of MASQNode-UIv2, as the reference's {@code masq_lib/src/constants.rs} numbers
 * them: a prefix per subsystem plus a small number. They are unsigned 64-bit values on the wire;
 * here they are the same bits in a {@code long} (the UI prefix's are negative as Java reads them),
 * and {@link UiCodec} writes them unsigned.
 */
public final class UiErrors {
  private UiErrors() {}

  public static final long CONFIGURATOR_PREFIX = 0x0001_0000_0000_0000L;
  public static final long CONFIGURATOR_READ_ERROR = CONFIGURATOR_PREFIX + 1;
  public static final long CONFIGURATOR_WRITE_ERROR = CONFIGURATOR_PREFIX + 2;
  public static final long UNRECOGNIZED_MNEMONIC_LANGUAGE_ERROR = CONFIGURATOR_PREFIX + 3;
  public static final long ILLEGAL_MNEMONIC_WORD_COUNT_ERROR = CONFIGURATOR_PREFIX + 4;
  public static final long KEY_PAIR_CONSTRUCTION_ERROR = CONFIGURATOR_PREFIX + 5;
  public static final long BAD_PASSWORD_ERROR = CONFIGURATOR_PREFIX + 6;
  public static final long ALREADY_INITIALIZED_ERROR = CONFIGURATOR_PREFIX + 7;
  public static final long DERIVATION_PATH_ERROR = CONFIGURATOR_PREFIX + 8;
  public static final long MNEMONIC_PHRASE_ERROR = CONFIGURATOR_PREFIX + 9;
  public static final long EARLY_QUESTIONING_ABOUT_DATA = CONFIGURATOR_PREFIX + 10;
  public static final long UNRECOGNIZED_PARAMETER = CONFIGURATOR_PREFIX + 11;
  public static final long NON_PARSABLE_VALUE = CONFIGURATOR_PREFIX + 12;
  public static final long MISSING_DATA = CONFIGURATOR_PREFIX + 13;
  public static final long UNKNOWN_ERROR = CONFIGURATOR_PREFIX + 14;

  public static final long UI_NODE_COMMUNICATION_PREFIX = 0x8000_0000_0000_0000L;
  public static final long NODE_LAUNCH_ERROR = UI_NODE_COMMUNICATION_PREFIX + 1;
  public static final long NODE_NOT_RUNNING_ERROR = UI_NODE_COMMUNICATION_PREFIX + 2;
  public static final long NODE_ALREADY_RUNNING_ERROR = UI_NODE_COMMUNICATION_PREFIX + 3;
  public static final long UNMARSHAL_ERROR = UI_NODE_COMMUNICATION_PREFIX + 4;
  public static final long SETUP_ERROR = UI_NODE_COMMUNICATION_PREFIX + 5;
  public static final long TIMEOUT_ERROR = UI_NODE_COMMUNICATION_PREFIX + 6;
  public static final long SCAN_ERROR = UI_NODE_COMMUNICATION_PREFIX + 7;
  public static final long EXIT_COUNTRY_MISSING_COUNTRIES_ERROR = UI_NODE_COMMUNICATION_PREFIX + 8;

  public static final long ACCOUNTANT_PREFIX = 0x0040_0000_0000_0000L;
  public static final long REQUEST_WITH_NO_VALUES = ACCOUNTANT_PREFIX + 1;
  public static final long REQUEST_WITH_MUTUALLY_EXCLUSIVE_PARAMS = ACCOUNTANT_PREFIX + 2;
  public static final long VALUE_EXCEEDS_ALLOWED_LIMIT = ACCOUNTANT_PREFIX + 3;
}

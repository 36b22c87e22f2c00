package org.jmasq.node.accountant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScanResultsTest {
  @Test
  void each_scan_is_counted_by_how_it_ended() {
    ScanResults results = new ScanResults();
    results.ended("receivable", ScanResults.Outcome.OK);
    results.ended("receivable", ScanResults.Outcome.OK);
    results.ended("receivable", ScanResults.Outcome.FAILED);
    results.ended("payable", ScanResults.Outcome.FAILED);

    assertThat(results.counts())
        .containsExactly(
            Map.entry(new ScanResults.Key("payable", ScanResults.Outcome.FAILED), 1L),
            Map.entry(new ScanResults.Key("receivable", ScanResults.Outcome.OK), 2L),
            Map.entry(new ScanResults.Key("receivable", ScanResults.Outcome.FAILED), 1L));
  }
}

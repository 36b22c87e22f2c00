package org.jmasq.automap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MappingProtocolTest {
  @Test
  void the_reference_names_parse_in_any_case_and_in_its_order() {
    assertThat(MappingProtocol.parse("pcp")).isEqualTo(MappingProtocol.PCP);
    assertThat(MappingProtocol.parse("PMP")).isEqualTo(MappingProtocol.PMP);
    assertThat(MappingProtocol.parse(" igdp ")).isEqualTo(MappingProtocol.IGDP);
    assertThat(MappingProtocol.values())
        .containsExactly(MappingProtocol.PCP, MappingProtocol.PMP, MappingProtocol.IGDP);
  }

  @Test
  void an_unknown_name_is_refused_with_the_accepted_ones() {
    assertThatThrownBy(() -> MappingProtocol.parse("upnp"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pcp, pmp, igdp");
  }
}

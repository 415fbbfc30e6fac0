package io.campaignrelay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ExpandableIntEnumTest {

  static final class Level extends ExpandableIntEnum<Level> {
    private static final ExpandableIntValues<Level> VALUES =
        ExpandableIntValues.create("Level", Level::new);
    static final Level LOW = VALUES.register(1, "LOW");
    static final Level VERY_HIGH = VALUES.register(9, "VERY_HIGH");

    private Level(int id, String name) {
      super(id, name);
    }

    @JsonCreator
    static Level of(int id) {
      return VALUES.of(id);
    }

    static Level fromString(String v) {
      return VALUES.fromString(v);
    }
  }

  record Holder(Level level) {}

  @Test
  void knownIdsAndNamesResolveAndUnknownIdsAreKept() {
    assertThat(Level.of(1)).isSameAs(Level.LOW);
    assertThat(Level.fromString("very high")).isSameAs(Level.VERY_HIGH);
    assertThat(Level.fromString(" 9 ")).isSameAs(Level.VERY_HIGH);
    Level five = Level.of(5);
    assertThat(five.isKnown()).isFalse();
    assertThat(five.name()).isEmpty();
    assertThat(five).isEqualTo(Level.of(5)).hasToString("UNKNOWN(5)");
    assertThat(Level.LOW).hasToString("LOW(1)");
    assertThatThrownBy(() -> Level.fromString("medium"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Level 'medium' is unknown")
        .hasMessageContaining("LOW(1)");
  }

  @Test
  void jacksonUsesTheNumber() throws Exception {
    ObjectMapper m = new ObjectMapper();
    assertThat(m.writeValueAsString(new Holder(Level.VERY_HIGH))).isEqualTo("{\"level\":9}");
    assertThat(m.readValue("{\"level\":1}", Holder.class).level()).isSameAs(Level.LOW);
    assertThat(m.readValue("{\"level\":42}", Holder.class).level().id()).isEqualTo(42);
  }
}

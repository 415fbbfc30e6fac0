package io.campaignrelay.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpandableStringEnumTest {

  static final class Color extends ExpandableStringEnum<Color> {
    private static final ExpandableValues<Color> VALUES = ExpandableValues.create(Color::new);
    static final Color RED = VALUES.register("red");
    static final Color BLUE = VALUES.register("blue");

    private Color(String value) {
      super(value);
    }

    @JsonCreator
    static Color fromString(String value) {
      return VALUES.fromString(value);
    }

    static List<Color> values() {
      return VALUES.known();
    }

    @Override
    public boolean isKnown() {
      return VALUES.isKnown(this);
    }
  }

  record Paint(Color color) {}

  @Test
  void knownValuesMatchCaseInsensitivelyAndUnknownOnesAreKept() {
    assertThat(Color.fromString(" RED ")).isSameAs(Color.RED);
    Color green = Color.fromString("Green");
    assertThat(green.value()).isEqualTo("Green");
    assertThat(green.isKnown()).isFalse();
    assertThat(Color.RED.isKnown()).isTrue();
    assertThat(green).isEqualTo(Color.fromString("Green")).isNotEqualTo(Color.RED);
    assertThat(Color.fromString(null)).isNull();
    assertThat(Color.values()).containsExactly(Color.RED, Color.BLUE);
    assertThat(Color.BLUE).hasToString("blue");
  }

  @Test
  void jacksonReadsAndWritesTheWireValue() throws Exception {
    ObjectMapper m = new ObjectMapper();
    assertThat(m.writeValueAsString(new Paint(Color.BLUE))).isEqualTo("{\"color\":\"blue\"}");
    assertThat(m.readValue("{\"color\":\"teal\"}", Paint.class).color().value()).isEqualTo("teal");
    assertThat(m.readValue("{\"color\":\"RED\"}", Paint.class).color()).isSameAs(Color.RED);
  }
}

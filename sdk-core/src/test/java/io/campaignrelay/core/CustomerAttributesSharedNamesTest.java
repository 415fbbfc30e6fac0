package io.campaignrelay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CustomerAttributes#withValues(List)}: the same attributes as {@code of}, names shared. */
class CustomerAttributesSharedNamesTest {

  private static final List<String> NAMES = List.of("MobilePhone", "FIRST_NAME", "Tier");
  private static final CustomerAttributes SHAPE =
      CustomerAttributes.of(NAMES, Arrays.asList(null, null, null));

  @Test
  void itEqualsTheAttributesBuiltFromScratch() {
    List<String> values = Arrays.asList("+447700900123", null, "gold");
    CustomerAttributes shared = SHAPE.withValues(values);
    CustomerAttributes built = CustomerAttributes.of(NAMES, values);

    assertThat(shared).isEqualTo(built).hasSameHashCodeAs(built);
    assertThat(shared.names()).isEqualTo(NAMES);
    assertThat(shared.values()).containsExactly("+447700900123", null, "gold");
    assertThat(shared.value("first_name")).isEmpty();
    assertThat(shared.contains("FIRST_NAME")).isTrue();
    assertThat(shared.value("TIER")).contains("gold");
    assertThat(shared.valueAt(0)).contains("+447700900123");
    assertThat(shared.asMap()).isEqualTo(built.asMap());
    assertThat(SHAPE.value("tier")).isEmpty();
  }

  @Test
  void theValuesAreCopiedAndUnmodifiable() {
    List<String> values = new ArrayList<>(List.of("+447700900123", "Ann", "gold"));
    CustomerAttributes shared = SHAPE.withValues(values);
    values.set(1, "Bob");

    assertThat(shared.value("FIRST_NAME")).contains("Ann");
    assertThatThrownBy(() -> shared.values().set(0, "x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theValuesOfARowAreAnUnmodifiableListEqualToTheBuiltOnes() {
    CustomerAttributes built =
        CustomerAttributes.of(SHAPE.names(), Arrays.asList("+447700900123", null, "gold"));
    CustomerAttributes shared = SHAPE.withValues(Arrays.asList("+447700900123", null, "gold"));
    assertThat(shared.values()).isEqualTo(built.values()).hasSameHashCodeAs(built.values());
    assertThat(shared).isEqualTo(built).hasSameHashCodeAs(built);
    assertThat(shared.values()).isInstanceOf(java.util.RandomAccess.class);
    assertThatThrownBy(() -> shared.values().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> shared.values().remove(0))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> shared.values().iterator().remove())
        .isInstanceOf(IllegalStateException.class);
    java.util.Iterator<String> it = shared.values().iterator();
    it.next();
    assertThatThrownBy(it::remove).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void indexOfFindsAPositionIgnoringCaseOrMinusOne() {
    CustomerAttributes shared = SHAPE.withValues(Arrays.asList("+447700900123", null, "gold"));
    assertThat(shared.indexOf("tier")).isEqualTo(2);
    assertThat(shared.indexOf("First_Name")).isEqualTo(1);
    assertThat(shared.values().get(shared.indexOf("FIRST_NAME"))).isNull();
    assertThat(shared.indexOf("CITY")).isEqualTo(-1);
    assertThat(shared.indexOf(null)).isEqualTo(-1);
    assertThat(CustomerAttributes.empty().indexOf("TIER")).isEqualTo(-1);
  }

  @Test
  void aWrongNumberOfValuesIsAConfigurationProblem() {
    assertThatThrownBy(() -> SHAPE.withValues(List.of("+447700900123")))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> assertThat(e.getMessage()).contains("3 names, 1 values"));
    assertThat(CustomerAttributes.empty().withValues(List.of()))
        .isSameAs(CustomerAttributes.empty());
  }
}

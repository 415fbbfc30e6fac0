package io.campaignrelay.delivyr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplateIdMappingTest {

  @Test
  void mapsIdsAsBase36Numbers() {
    assertThat(TemplateIdMapping.toOptimoveTemplateId("HDS7F3Y2")).isEqualTo(1_362_194_475_194L);
    assertThat(TemplateIdMapping.toOptimoveTemplateId("00000001")).isEqualTo(1L);
    assertThat(TemplateIdMapping.toOptimoveTemplateId("0000000Z")).isEqualTo(35L);
    assertThat(TemplateIdMapping.toOptimoveTemplateId("00000010")).isEqualTo(36L);
    assertThat(TemplateIdMapping.toOptimoveTemplateId("ZZZZZZZZ"))
        .isEqualTo(TemplateIdMapping.MAX_OPTIMOVE_TEMPLATE_ID);
  }

  @Test
  void agreesWithThePublishedSamplePair() {
    // Delivyr's triggered-overrides sample carries templateID 2698724035425 for a template whose
    // Optimove name starts with YFRYM0R-: base 36 gives YFRYM0RL.
    assertThat(TemplateIdMapping.toDelivyrId(2_698_724_035_425L)).isEqualTo("YFRYM0RL");
    assertThat(TemplateIdMapping.toOptimoveTemplateId("YFRYM0RJ")).isEqualTo(2_698_724_035_423L);
  }

  @Test
  void isReversibleAndDeterministicSoDistinctIdsNeverCollide() {
    Random random = new Random(42);
    String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    Set<Long> seen = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      for (int j = 0; j < 8; j++) {
        sb.append(alphabet.charAt(random.nextInt(36)));
      }
      String id = sb.toString();
      if (!TemplateIdMapping.isValidDelivyrId(id) || !ids.add(id)) {
        continue;
      }
      long n = TemplateIdMapping.toOptimoveTemplateId(id);
      assertThat(n).isBetween(1L, TemplateIdMapping.MAX_OPTIMOVE_TEMPLATE_ID);
      assertThat(TemplateIdMapping.toDelivyrId(n)).isEqualTo(id);
      assertThat(TemplateIdMapping.toOptimoveTemplateId(id)).isEqualTo(n);
      assertThat(seen.add(n)).as("collision for %s", id).isTrue();
    }
    assertThat(TemplateIdMapping.toDelivyrId(36)).isEqualTo("00000010");
  }

  @Test
  void rejectsWhatIsNotADelivyrId() {
    for (String bad :
        new String[] {"hds7f3y2", "HDS7F3Y", "HDS7F3Y22", "HDS7-3Y2", "00000000", ""}) {
      assertThat(TemplateIdMapping.isValidDelivyrId(bad)).as(bad).isFalse();
      assertThatThrownBy(() -> TemplateIdMapping.toOptimoveTemplateId(bad))
          .as(bad)
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("eight upper-case letters and digits");
    }
    assertThat(TemplateIdMapping.isValidDelivyrId(null)).isFalse();
    assertThatThrownBy(() -> TemplateIdMapping.toDelivyrId(0))
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(
            () -> TemplateIdMapping.toDelivyrId(TemplateIdMapping.MAX_OPTIMOVE_TEMPLATE_ID + 1))
        .isInstanceOf(ConfigurationException.class);
  }

  @Test
  void namesTemplatesIdDashName() {
    assertThat(TemplateIdMapping.optimoveTemplateName("YFRYM0RJ", "Spring sale "))
        .isEqualTo("YFRYM0RJ - Spring sale");
    assertThat(TemplateIdMapping.delivyrIdOf("YFRYM0RJ - Spring sale")).contains("YFRYM0RJ");
    assertThat(TemplateIdMapping.delivyrIdOf("YFRYM0RJ - A - B")).contains("YFRYM0RJ");
    assertThat(TemplateIdMapping.delivyrIdOf("Spring sale")).isEmpty();
    assertThat(TemplateIdMapping.delivyrIdOf("yfrym0rj - x")).isEmpty();
    assertThat(TemplateIdMapping.delivyrIdOf(null)).isEmpty();
    assertThatThrownBy(() -> TemplateIdMapping.optimoveTemplateName("bad", " "))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(
            e ->
                assertThat(((ConfigurationException) e).problems())
                    .extracting(ConfigurationProblem::field)
                    .containsExactly("delivyrTemplateId", "name"));
  }

  @Test
  void collisionCheckFlagsTemplateIdsOwnedBySomethingElse() {
    Map<String, String> planned = new LinkedHashMap<>();
    planned.put("HDS7F3Y2", "HDS7F3Y2 - Welcome");
    planned.put("YFRYM0RJ", "YFRYM0RJ - Spring sale");
    long welcome = TemplateIdMapping.toOptimoveTemplateId("HDS7F3Y2");
    long spring = TemplateIdMapping.toOptimoveTemplateId("YFRYM0RJ");

    assertThat(TemplateIdMapping.checkCollisions(planned, Map.of())).isEmpty();
    // Already synced earlier (same id, maybe renamed): not a collision.
    assertThat(TemplateIdMapping.checkCollisions(planned, Map.of(welcome, "HDS7F3Y2 - Old name")))
        .isEmpty();
    List<ConfigurationProblem> problems =
        TemplateIdMapping.checkCollisions(planned, Map.of(spring, "Hand-made template"));
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.value()).isEqualTo(Long.toString(spring));
              assertThat(p.fix()).contains("Hand-made template").contains("YFRYM0RJ");
            });
    assertThat(TemplateIdMapping.checkCollisions(Map.of("bad-id", "x"), Map.of()))
        .extracting(ConfigurationProblem::field)
        .containsExactly("delivyrTemplateId");
  }
}

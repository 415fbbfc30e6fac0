package io.campaignrelay.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.TemplateId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateRoutingTest {

  private static Template named(String name) {
    return Template.builder().id(TemplateId.of(name + "-id")).name(name).body("x").build();
  }

  @Test
  void prefixIsThreeLettersAndAnUnderscore() {
    TemplatePrefix p = TemplatePrefix.of("OPT_");
    assertThat(p.value()).isEqualTo("OPT_");
    assertThat(p.toString()).isEqualTo("OPT_");
    assertThat(p.matches("OPT_Welcome")).isTrue();
    assertThat(p.matches("opt_Welcome")).isFalse();
    assertThat(p.matchesIgnoringCase("opt_Welcome")).isTrue();
    assertThat(p.matches("OPTWelcome")).isFalse();
    assertThat(p.matches(null)).isFalse();
    assertThat(TemplatePrefix.of("abc_").matches("abc_x")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"OPT", "OP_", "OPTX_", "OPT-", "O1T_", "\u00c9TE_", " OPT_", "____", ""})
  void badPrefixesAreRejectedWithTheFix(String value) {
    assertThatThrownBy(() -> TemplatePrefix.of(value))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("templatePrefix='" + value + "'")
        .hasMessageContaining("three letters and an underscore")
        .hasMessageContaining("'OPT_'");
  }

  @Test
  void nullPrefixIsRejected() {
    assertThatThrownBy(() -> TemplatePrefix.of(null))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("<missing>");
  }

  @Test
  void routesTemplatesByPrefixAndReportsUnmatched() {
    TemplateRouting routing =
        TemplateRouting.builder()
            .group("101", TemplatePrefix.of("OPT_"))
            .group("202", TemplatePrefix.of("VIP_"))
            .build();
    TemplateImport imp =
        routing.importTemplates(
            List.of(named("OPT_Welcome"), named("VIP_Gold"), named("Newsletter"), named("opt_x")));
    assertThat(imp.templatesOf("101")).extracting(Template::name).containsExactly("OPT_Welcome");
    assertThat(imp.templatesOf("202")).extracting(Template::name).containsExactly("VIP_Gold");
    assertThat(imp.templatesOf("999")).isEmpty();
    assertThat(imp.unmatched()).extracting(Template::name).containsExactly("Newsletter", "opt_x");
    assertThat(imp.isClean()).isFalse();
    assertThat(imp.problems())
        .hasSize(2)
        .first()
        .asString()
        .contains("'Newsletter'", "matches no contact group's prefix", "OPT_");
    assertThat(imp.toString()).contains("unmatched=2");
  }

  @Test
  void caseInsensitiveMatchingIsAChoice() {
    TemplateRouting routing =
        TemplateRouting.builder()
            .group("101", TemplatePrefix.of("OPT_"))
            .caseSensitive(false)
            .build();
    assertThat(routing.caseSensitive()).isFalse();
    assertThat(routing.matchingGroups("opt_x")).containsExactly("101");
  }

  @Test
  void aTemplateMatchingTwoGroupsIsReportedAndNotImported() {
    TemplateRouting routing =
        TemplateRouting.builder()
            .group("101", TemplatePrefix.of("OPT_"))
            .group("102", TemplatePrefix.of("opt_"))
            .caseSensitive(false)
            .build();
    Template t = named("OPT_Welcome");
    TemplateImport imp = routing.importTemplates(List.of(t));
    assertThat(imp.ambiguous()).containsEntry(t, List.of("101", "102"));
    assertThat(imp.templatesOf("101")).isEmpty();
    assertThat(imp.templatesOf("102")).isEmpty();
    assertThat(imp.problems())
        .singleElement()
        .asString()
        .contains("several contact groups [101, 102]", "distinct prefix");
    TemplateRouting samePrefix =
        TemplateRouting.builder()
            .group("1", TemplatePrefix.of("ABC_"))
            .group("2", TemplatePrefix.of("ABC_"))
            .build();
    assertThat(samePrefix.importTemplates(List.of(named("ABC_x"))).ambiguous()).hasSize(1);
  }

  @Test
  void defaultGroupTakesTemplatesMatchingNoPrefix() {
    TemplateRouting routing =
        TemplateRouting.builder()
            .defaultGroup("100")
            .group("101", TemplatePrefix.of("OPT_"))
            .build();
    TemplateImport imp = routing.importTemplates(List.of(named("OPT_a"), named("Plain")));
    assertThat(imp.isClean()).isTrue();
    assertThat(imp.problems()).isEmpty();
    assertThat(imp.templatesOf("100")).extracting(Template::name).containsExactly("Plain");
    assertThat(imp.templatesOf("101")).extracting(Template::name).containsExactly("OPT_a");
    assertThat(routing.defaultGroup()).hasValue("100");
    assertThat(routing.groups()).containsOnlyKeys("101");
    assertThat(imp.byGroup()).containsOnlyKeys("101", "100");
  }

  @Test
  void configurationErrorsAreReported() {
    assertThatThrownBy(() -> TemplateRouting.builder().build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("groups='[]'");
    assertThatThrownBy(
            () ->
                TemplateRouting.builder()
                    .group("1", TemplatePrefix.of("ABC_"))
                    .group("1", TemplatePrefix.of("DEF_"))
                    .group(" ", TemplatePrefix.of("GHI_"))
                    .build())
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.problems()).hasSize(2))
        .hasMessageContaining("groups[1]='DEF_': is configured twice")
        .hasMessageContaining("groups=' '");
    assertThatThrownBy(
            () ->
                TemplateRouting.builder()
                    .group("1", TemplatePrefix.of("ABC_"))
                    .defaultGroup("1")
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("defaultGroup='1': also has the prefix ABC_");
  }
}

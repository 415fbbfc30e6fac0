package io.campaignrelay.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.TemplateId;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplateTest {

  static Template.Builder template() {
    return Template.builder()
        .id(TemplateId.of("HDS7F3Y2"))
        .name("OPT_Welcome")
        .body("Hi [%FIRST_NAME%], use [%PROMO_CODE%] at [%URL%]");
  }

  @Test
  void buildsWithDefaults() {
    Template t = template().build();
    assertThat(t.id().value()).isEqualTo("HDS7F3Y2");
    assertThat(t.name()).isEqualTo("OPT_Welcome");
    assertThat(t.approvalState()).isEqualTo(ApprovalState.PENDING);
    assertThat(t.isApproved()).isFalse();
    assertThat(t.redirectUrl()).isEmpty();
    assertThat(t.channels()).isEmpty();
    assertThat(t.defaults()).isEmpty();
    assertThat(t.tags()).containsExactly("FIRST_NAME", "PROMO_CODE", "URL");
  }

  @Test
  void carriesEverything() {
    Template t =
        template()
            .approvalState(ApprovalState.APPROVED)
            .redirectUrl(URI.create("https://example.com/offer"))
            .addChannel(ChannelId.SCHEDULED_SMS)
            .addChannel(ChannelId.TRIGGERED_SMS)
            .defaultValue("first_name", "friend")
            .build();
    assertThat(t.isApproved()).isTrue();
    assertThat(t.redirectUrl()).hasValue(URI.create("https://example.com/offer"));
    assertThat(t.channels()).containsExactly(ChannelId.SCHEDULED_SMS, ChannelId.TRIGGERED_SMS);
    assertThat(t.defaultFor("FIRST_NAME")).hasValue("friend");
    assertThat(t.defaultFor("First_Name")).hasValue("friend");
    assertThat(t.defaultFor("LAST_NAME")).isEmpty();
    assertThat(t.defaultFor(null)).isEmpty();
    assertThat(t.toBuilder().build()).isEqualTo(t).hasSameHashCodeAs(t);
    assertThat(t.toBuilder().channels(Set.of(ChannelId.of(7))).build().channels())
        .containsExactly(ChannelId.of(7));
    assertThat(t.toString()).contains("HDS7F3Y2", "APPROVED").doesNotContain("Hi [%");
  }

  @Test
  void tagsAreDistinctInOrderOfFirstUse() {
    Template t = template().body("[%A%] [%b%] [%a%] [% C %] [%B%]").build();
    assertThat(t.tags()).containsExactly("A", "b", "C");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertThatThrownBy(
            () ->
                Template.builder()
                    .name(" ")
                    .body("")
                    .approvalState(null)
                    .redirectUrl(URI.create("ftp://example.com/x"))
                    .defaultValue("BAD TAG", "x")
                    .build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigurationProblem::field)
                    .containsExactly(
                        "id", "name", "body", "approvalState", "redirectUrl", "defaults[BAD TAG]"))
        .hasMessageContaining("redirectUrl='ftp://example.com/x': is not an absolute http(s) URL");
  }

  @Test
  void relativeRedirectAndHugeBodyAreRejected() {
    assertThatThrownBy(() -> template().redirectUrl(URI.create("/offer")).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("redirectUrl='/offer'");
    assertThatThrownBy(() -> template().body("x".repeat(Template.MAX_BODY_LENGTH + 1)).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("at most 10000");
  }

  @Test
  void approvalStateIsAnExpandableSet() {
    assertThat(ApprovalState.fromString(" approved ")).isSameAs(ApprovalState.APPROVED);
    assertThat(ApprovalState.fromString("Pending")).isSameAs(ApprovalState.PENDING);
    assertThat(ApprovalState.fromString("REJECTED")).isSameAs(ApprovalState.REJECTED);
    ApprovalState draft = ApprovalState.fromString("draft");
    assertThat(draft.value()).isEqualTo("DRAFT");
    assertThat(draft.toString()).isEqualTo("DRAFT");
    assertThat(draft.isKnown()).isFalse();
    assertThat(draft.isApproved()).isFalse();
    assertThat(draft).isEqualTo(ApprovalState.fromString("DRAFT"));
    assertThat(ApprovalState.APPROVED.isApproved()).isTrue();
    assertThat(ApprovalState.APPROVED.isKnown()).isTrue();
    assertThatThrownBy(() -> ApprovalState.fromString(" "))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("approvalState=' '");
  }
}

package io.campaignrelay.core.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignKind;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.CustomerAttributes;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.metrics.RejectionReason;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExecutionValuesTest {

  static final Campaign CAMPAIGN =
      Campaign.builder()
          .kind(CampaignKind.SCHEDULED)
          .id(CampaignId.scheduled(1234))
          .channel(ChannelId.SCHEDULED_SMS)
          .templateId(TemplateId.of("T1"))
          .sendTime(Instant.parse("2026-11-23T10:00:00Z"))
          .build();

  @Test
  void idempotencyKeyIsDerivedDeterministicallyFromCampaignAndCustomer() {
    IdempotencyKey a = IdempotencyKey.derive(CampaignId.scheduled(1), CustomerId.of("c1"));
    assertThat(a).isEqualTo(IdempotencyKey.derive(CampaignId.scheduled(1), CustomerId.of("c1")));
    assertThat(a.value()).matches("cr1-[0-9a-f]{32}");
    assertThat(a.toString()).isEqualTo(a.value());
    assertThat(a).isNotEqualTo(IdempotencyKey.derive(CampaignId.scheduled(1), CustomerId.of("c2")));
    assertThat(a).isNotEqualTo(IdempotencyKey.derive(CampaignId.scheduled(2), CustomerId.of("c1")));
    // the separator keeps ("1", "2x") and ("12", "x") apart
    assertThat(IdempotencyKey.derive(CampaignId.of("1"), CustomerId.of("2x")))
        .isNotEqualTo(IdempotencyKey.derive(CampaignId.of("12"), CustomerId.of("x")));
    assertThat(a.value()).doesNotContain("c1");
  }

  @Test
  void idempotencyKeyValidation() {
    assertThat(new IdempotencyKey("x".repeat(255)).value()).hasSize(255);
    assertThatThrownBy(() -> new IdempotencyKey("x".repeat(256)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("at most 255");
    assertThatThrownBy(() -> new IdempotencyKey(""))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("IdempotencyKey.derive");
    assertThatThrownBy(() -> new IdempotencyKey("a b"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("printable ASCII");
    assertThatThrownBy(() -> new IdempotencyKey("caf\u00e9"))
        .isInstanceOf(ConfigurationException.class);
  }

  @Test
  void recipientCarriesAttributesPromoCodesAndAnOptionalTemplate() {
    CustomerAttributes attrs = CustomerAttributes.builder().add("PHONE", "+447700900123").build();
    Recipient r = Recipient.of(CustomerId.of("c1"), attrs, List.of("SAVE10"));
    assertThat(r.customerId()).isEqualTo(CustomerId.of("c1"));
    assertThat(r.attributes()).isEqualTo(attrs);
    assertThat(r.promoCodes()).containsExactly("SAVE10");
    assertThat(r.templateId()).isEmpty();
    Recipient own = r.withTemplate(TemplateId.of("T2"));
    assertThat(own.templateId()).hasValue(TemplateId.of("T2"));
    assertThat(own).isNotEqualTo(r);
    assertThat(Recipient.of(CustomerId.of("c1"), attrs).promoCodes()).isEmpty();
    assertThat(r.toString()).contains("c1", "PHONE").doesNotContain("7700900123");
    assertThat(r).isEqualTo(Recipient.of(CustomerId.of("c1"), attrs, List.of("SAVE10")));
    assertThatThrownBy(() -> Recipient.of(CustomerId.of("c1"), attrs, Arrays.asList("A", " ")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("promoCodes[1]=' '");
  }

  @Test
  void outboundMessageDerivesItsKeyAndLength() {
    OutboundMessage m =
        OutboundMessage.of(
            CAMPAIGN,
            CustomerId.of("c1"),
            PhoneNumber.ofE164("+447700900123"),
            TemplateId.of("T1"),
            "Hi Dana");
    assertThat(m.idempotencyKey())
        .isEqualTo(IdempotencyKey.derive(CAMPAIGN.id(), CustomerId.of("c1")));
    assertThat(m.length().units()).isEqualTo(7);
    assertThat(m.toString()).doesNotContain("Hi Dana").doesNotContain("7700900123");
    assertThatThrownBy(
            () ->
                OutboundMessage.of(
                    CAMPAIGN,
                    CustomerId.of("c1"),
                    PhoneNumber.ofE164("+447700900123"),
                    TemplateId.of("T1"),
                    ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("render the template first");
  }

  @Test
  void dispatchResults() {
    IdempotencyKey k = IdempotencyKey.derive(CAMPAIGN.id(), CustomerId.of("c1"));
    DispatchResult ok = DispatchResult.accepted(k, "m-1", "b-9");
    assertThat(ok.isAccepted()).isTrue();
    assertThat(ok.vendorMessageId()).hasValue("m-1");
    assertThat(ok.batchId()).hasValue("b-9");
    assertThat(ok.rejectionReason()).isEmpty();
    assertThat(ok.toString()).startsWith("Accepted");
    assertThat(DispatchResult.accepted(k, " ").vendorMessageId()).isEmpty();
    DispatchResult no = DispatchResult.rejected(k, RejectionReason.INVALID_PHONE_FORMAT, "bad to");
    assertThat(no.isAccepted()).isFalse();
    assertThat(no.rejectionReason()).hasValue(RejectionReason.INVALID_PHONE_FORMAT);
    assertThat(no.detail()).hasValue("bad to");
    assertThat(no.vendorMessageId()).isEmpty();
    assertThat(no.toString()).contains("INVALID_PHONE_FORMAT");
    assertThat(no)
        .isEqualTo(DispatchResult.rejected(k, RejectionReason.INVALID_PHONE_FORMAT, "bad to"));
    assertThatThrownBy(() -> DispatchResult.rejected(k, null, null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void recipientStatesKnowWhetherTheyAreDone() {
    assertThat(RecipientState.PENDING.isDone()).isFalse();
    assertThat(RecipientState.DISPATCHED.isDone()).isTrue();
    assertThat(RecipientState.DROPPED.isDone()).isTrue();
    assertThat(RecipientState.LOGGED.isDone()).isTrue();
  }

  @Test
  void journalDefaultIsDoneFollowsTheLatestEntry() {
    Map<String, JournalEntry> store = new HashMap<>();
    ExecutionJournal journal =
        new ExecutionJournal() {
          @Override
          public void record(JournalEntry entry) {
            store.put(entry.campaignId() + "/" + entry.customerId(), entry);
          }

          @Override
          public Optional<JournalEntry> entry(CampaignId campaignId, CustomerId customerId) {
            return Optional.ofNullable(store.get(campaignId + "/" + customerId));
          }
        };
    CustomerId c = CustomerId.of("c1");
    Instant t = Instant.parse("2026-11-23T10:00:00Z");
    assertThat(journal.isDone(CAMPAIGN.id(), c)).isFalse();
    journal.record(JournalEntry.of(CAMPAIGN.id(), c, RecipientState.PENDING, t, null));
    assertThat(journal.isDone(CAMPAIGN.id(), c)).isFalse();
    journal.record(JournalEntry.of(CAMPAIGN.id(), c, RecipientState.DISPATCHED, t, "m-1"));
    assertThat(journal.isDone(CAMPAIGN.id(), c)).isTrue();
    assertThat(journal.entry(CAMPAIGN.id(), c).orElseThrow().detail()).isEqualTo("m-1");
    assertThat(journal.entry(CAMPAIGN.id(), c).orElseThrow().idempotencyKey())
        .isEqualTo(IdempotencyKey.derive(CAMPAIGN.id(), c));
  }

  @Test
  void publishedTemplateNeedsEveryField() {
    PublishedTemplate p =
        new PublishedTemplate(
            TemplateId.of("HDS7F3Y2"),
            TemplateId.of("123"),
            ChannelId.SCHEDULED_SMS,
            "x - Welcome");
    assertThat(p.channel()).isEqualTo(ChannelId.SCHEDULED_SMS);
    assertThatThrownBy(
            () -> new PublishedTemplate(TemplateId.of("a"), null, ChannelId.SCHEDULED_SMS, "x"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("channelTemplateId");
  }
}

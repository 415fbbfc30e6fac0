package io.campaignrelay.delivyr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.Secret;
import io.campaignrelay.delivyr.WebhookVerificationException.Reason;
import io.campaignrelay.delivyr.models.RejectionReason;
import io.campaignrelay.delivyr.models.WebhookEvent;
import io.campaignrelay.delivyr.models.WebhookEventType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DelivyrWebhookTest {

  static final Secret SECRET = Secret.of("whsec_SECRET_one");
  static final Secret OLD_SECRET = Secret.of("whsec_SECRET_old");
  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static final String BODY =
      "{\"id\":\"evt_1\",\"type\":\"message.rejected\",\"createdAt\":\"2026-11-23T09:59:58Z\","
          + "\"data\":{\"messageId\":\"msg_1\",\"customerId\":\"C1\",\"phone\":\"+447700900123\","
          + "\"campaign\":{\"optimoveCampaignId\":\"1234\",\"channelId\":452,"
          + "\"optimoveTemplateId\":1362194475194},\"reason\":\"opted_out\",\"url\":null}}";

  static String header(long t, String body, Secret... secrets) {
    StringBuilder sb = new StringBuilder("t=").append(t);
    for (Secret s : secrets) {
      sb.append(",v1=").append(DelivyrWebhook.sign(t, body, s));
    }
    return sb.toString();
  }

  @Test
  void acceptsAValidEventAndParsesItTyped() {
    WebhookEvent e =
        DelivyrWebhook.create()
            .verifyAndParse(BODY, header(NOW.getEpochSecond(), BODY, SECRET), SECRET, CLOCK);
    assertThat(e.id()).isEqualTo("evt_1");
    assertThat(e.type()).isEqualTo(WebhookEventType.MESSAGE_REJECTED);
    assertThat(e.createdAt()).isEqualTo(Instant.parse("2026-11-23T09:59:58Z"));
    assertThat(e.data().messageId()).isEqualTo("msg_1");
    assertThat(e.data().phone()).isEqualTo("+447700900123");
    assertThat(e.data().campaign().channelId()).isEqualTo(452);
    assertThat(e.data().campaign().optimoveTemplateId()).isEqualTo(1_362_194_475_194L);
    assertThat(e.data().rejectionReason()).contains(RejectionReason.OPTED_OUT);
  }

  @Test
  void signatureIsHmacSha256OverTimestampDotBody() {
    // Known answer computed independently (Python hmac): key "key", data 1700000000.{"id":"evt_1"}
    assertThat(DelivyrWebhook.sign(1_700_000_000L, "{\"id\":\"evt_1\"}", Secret.of("key")))
        .isEqualTo("f13fcf55005466f6988baefaf979824421a6cb50db7ae6b57698fb0498196e39");
  }

  @Test
  void acceptsAnyOfSeveralV1SignaturesDuringRotation() {
    long t = NOW.getEpochSecond();
    String rotating = header(t, BODY, OLD_SECRET, SECRET);
    assertThat(DelivyrWebhook.create().verifyAndParse(BODY, rotating, SECRET, CLOCK).id())
        .isEqualTo("evt_1");
    assertThat(DelivyrWebhook.create().verifyAndParse(BODY, rotating, OLD_SECRET, CLOCK).id())
        .isEqualTo("evt_1");
    // The receiver may also hold two secrets while it rotates its own.
    assertThat(
            DelivyrWebhook.create()
                .verifyAndParse(
                    BODY, header(t, BODY, OLD_SECRET), List.of(SECRET, OLD_SECRET), CLOCK)
                .id())
        .isEqualTo("evt_1");
    // A junk v1 entry next to a good one is ignored.
    assertThat(
            DelivyrWebhook.create()
                .verifyAndParse(BODY, header(t, BODY, SECRET) + ",v1=zz,v0=abc", SECRET, CLOCK)
                .id())
        .isEqualTo("evt_1");
  }

  @Test
  void rejectsATamperedBodyAsSignatureMismatch() {
    String h = header(NOW.getEpochSecond(), BODY, SECRET);
    String tampered = BODY.replace("opted_out", "invalid_phone_format");
    assertThatThrownBy(() -> DelivyrWebhook.create().verifyAndParse(tampered, h, SECRET, CLOCK))
        .isInstanceOf(WebhookSignatureException.class)
        .extracting(e -> ((WebhookVerificationException) e).reason())
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThatThrownBy(() -> DelivyrWebhook.create().verifyAndParse(BODY, h, OLD_SECRET, CLOCK))
        .isInstanceOf(WebhookSignatureException.class);
    // Re-signing the same body with another timestamp does not verify either.
    String shifted = "t=" + (NOW.getEpochSecond() - 1) + h.substring(h.indexOf(','));
    assertThatThrownBy(() -> DelivyrWebhook.create().verifyAndParse(BODY, shifted, SECRET, CLOCK))
        .isInstanceOf(WebhookSignatureException.class);
  }

  @Test
  void rejectsMissingOrMalformedHeaders() {
    for (String bad :
        new String[] {null, "", "v1=abcd", "t=123", "t=abc,v1=00", "t=1,t=2,v1=00", "garbage"}) {
      assertThatThrownBy(() -> DelivyrWebhook.create().verifyAndParse(BODY, bad, SECRET, CLOCK))
          .as(String.valueOf(bad))
          .isInstanceOf(WebhookSignatureException.class)
          .extracting(e -> ((WebhookVerificationException) e).reason())
          .isEqualTo(Reason.MALFORMED_SIGNATURE_HEADER);
    }
  }

  @Test
  void rejectsStaleAndPostDatedEventsBeyond300Seconds() {
    DelivyrWebhook hook = DelivyrWebhook.create();
    long t = NOW.getEpochSecond();
    assertThatThrownBy(
            () -> hook.verifyAndParse(BODY, header(t - 301, BODY, SECRET), SECRET, CLOCK))
        .isInstanceOf(WebhookTimestampException.class)
        .hasMessageContaining("301 s")
        .extracting(e -> ((WebhookVerificationException) e).reason())
        .isEqualTo(Reason.TIMESTAMP_OUT_OF_TOLERANCE);
    assertThatThrownBy(
            () -> hook.verifyAndParse(BODY, header(t + 301, BODY, SECRET), SECRET, CLOCK))
        .isInstanceOf(WebhookTimestampException.class);
    assertThat(hook.verifyAndParse(BODY, header(t - 300, BODY, SECRET), SECRET, CLOCK).id())
        .isEqualTo("evt_1");
  }

  @Test
  void rejectsReplaysWithinTheWindowAndForgetsThemAfterwards() {
    DelivyrWebhook hook = DelivyrWebhook.create();
    long t = NOW.getEpochSecond();
    String h = header(t, BODY, SECRET);
    hook.verifyAndParse(BODY, h, SECRET, CLOCK);
    assertThatThrownBy(() -> hook.verifyAndParse(BODY, h, SECRET, CLOCK))
        .isInstanceOf(WebhookReplayException.class)
        .hasMessageContaining("evt_1")
        .extracting(e -> ((WebhookVerificationException) e).reason())
        .isEqualTo(Reason.REPLAYED);
    // Same event re-signed later with a fresh timestamp is still a replay inside the window.
    Clock later = Clock.offset(CLOCK, Duration.ofSeconds(200));
    assertThatThrownBy(
            () -> hook.verifyAndParse(BODY, header(t + 200, BODY, SECRET), SECRET, later))
        .isInstanceOf(WebhookReplayException.class);
    // After the window the original request is stale, not a replay.
    Clock muchLater = Clock.offset(CLOCK, Duration.ofSeconds(301));
    assertThatThrownBy(() -> hook.verifyAndParse(BODY, h, SECRET, muchLater))
        .isInstanceOf(WebhookTimestampException.class);
    // A rejected (tampered) request is not remembered and so cannot block the real one.
    DelivyrWebhook fresh = DelivyrWebhook.create();
    assertThatThrownBy(() -> fresh.verifyAndParse(BODY, h, OLD_SECRET, CLOCK))
        .isInstanceOf(WebhookSignatureException.class);
    assertThat(fresh.verifyAndParse(BODY, h, SECRET, CLOCK).id()).isEqualTo("evt_1");
  }

  @Test
  void boundedMemoryForgetsTheOldestId() {
    DelivyrWebhook hook = DelivyrWebhook.create(Duration.ofSeconds(300), 1);
    long t = NOW.getEpochSecond();
    String other = BODY.replace("evt_1", "evt_2");
    hook.verifyAndParse(BODY, header(t, BODY, SECRET), SECRET, CLOCK);
    hook.verifyAndParse(other, header(t, other, SECRET), SECRET, CLOCK);
    assertThat(hook.verifyAndParse(BODY, header(t, BODY, SECRET), SECRET, CLOCK).id())
        .isEqualTo("evt_1");
    assertThatThrownBy(() -> DelivyrWebhook.create(Duration.ZERO, 0))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("tolerance")
        .hasMessageContaining("maxRemembered");
  }

  @Test
  void signedButMalformedPayloadIsItsOwnError() {
    String body = "{\"type\":\"message.delivered\"}";
    assertThatThrownBy(
            () ->
                DelivyrWebhook.create()
                    .verifyAndParse(
                        body, header(NOW.getEpochSecond(), body, SECRET), SECRET, CLOCK))
        .isExactlyInstanceOf(WebhookVerificationException.class)
        .extracting(e -> ((WebhookVerificationException) e).reason())
        .isEqualTo(Reason.MALFORMED_PAYLOAD);
    String notJson = "hello";
    assertThatThrownBy(
            () ->
                DelivyrWebhook.create()
                    .verifyAndParse(
                        notJson, header(NOW.getEpochSecond(), notJson, SECRET), SECRET, CLOCK))
        .isExactlyInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void unknownEventTypesAreKept() {
    String body = BODY.replace("message.rejected", "message.read");
    WebhookEvent e =
        DelivyrWebhook.create()
            .verifyAndParse(body, header(NOW.getEpochSecond(), body, SECRET), SECRET, CLOCK);
    assertThat(e.type().value()).isEqualTo("message.read");
    assertThat(e.type().isKnown()).isFalse();
  }

  @Test
  void messagesNeverContainTheSecretOrTheSignature() {
    String h = header(NOW.getEpochSecond(), BODY, SECRET);
    String sig = h.substring(h.indexOf("v1=") + 3);
    assertThatThrownBy(() -> DelivyrWebhook.create().verifyAndParse(BODY + " ", h, SECRET, CLOCK))
        .hasMessageNotContaining(SECRET.reveal())
        .hasMessageNotContaining(sig);
  }
}

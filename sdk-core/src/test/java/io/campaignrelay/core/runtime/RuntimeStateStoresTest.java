package io.campaignrelay.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.CampaignId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeStateStoresTest {
  static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
  @TempDir Path dir;

  @Test
  void processedIdsRecogniseARepeatUntilItExpires() {
    InMemoryProcessedIds ids = InMemoryProcessedIds.create();
    Instant in24h = NOW.plus(Duration.ofHours(24));
    assertThat(ids.markIfAbsent("webhook", "evt_1", NOW, in24h)).isTrue();
    assertThat(ids.markIfAbsent("webhook", "evt_1", NOW.plusSeconds(60), in24h)).isFalse();
    assertThat(ids.markIfAbsent("event", "evt_1", NOW, in24h)).isTrue(); // other namespace
    assertThat(ids.contains("webhook", "evt_1", in24h)).isFalse();
    assertThat(ids.markIfAbsent("webhook", "evt_1", in24h, in24h.plusSeconds(10))).isTrue();
  }

  @Test
  void processedIdsSurviveAReopenExceptExpiredOnes() {
    Path file = dir.resolve("ids.log");
    try (FileProcessedIds ids = FileProcessedIds.open(file, Clock.fixed(NOW, ZoneOffset.UTC))) {
      ids.markIfAbsent("webhook", "a", NOW, NOW.plus(Duration.ofHours(1)));
      ids.markIfAbsent("webhook", "b", NOW, NOW.plus(Duration.ofDays(2)));
    }
    Instant later = NOW.plus(Duration.ofHours(2));
    try (FileProcessedIds ids = FileProcessedIds.open(file, Clock.fixed(later, ZoneOffset.UTC))) {
      assertThat(ids.contains("webhook", "a", later)).isFalse();
      assertThat(ids.contains("webhook", "b", later)).isTrue();
      assertThat(ids.markIfAbsent("webhook", "b", later, later.plusSeconds(1))).isFalse();
      assertThat(ids.size()).isEqualTo(1);
    }
  }

  @Test
  void theLedgerKeepsTheLatestRecordOfACampaignAcrossAReopen() {
    Path file = dir.resolve("ledger.log");
    CampaignRecord r =
        CampaignRecord.builder(CampaignId.scheduled(3701), "452", NOW)
            .attribute("batchIds", "b1,b2")
            .attribute("detail", "tab\there, newline\nthere")
            .build();
    try (FileCampaignLedger ledger = FileCampaignLedger.open(file)) {
      assertThat(ledger.putIfAbsent(r)).isTrue();
      assertThat(ledger.putIfAbsent(r.toBuilder().sentAt(NOW).build())).isFalse();
      ledger.put(r.toBuilder().sentAt(NOW).metricDayDone(1).metricDayDone(2).build());
    }
    try (FileCampaignLedger ledger = FileCampaignLedger.open(file)) {
      CampaignRecord back = ledger.find("3701:452").orElseThrow();
      assertThat(back.sentAt()).hasValue(NOW);
      assertThat(back.metricDaysDone()).containsExactly(1, 2);
      assertThat(back.attribute("detail")).hasValue("tab\there, newline\nthere");
      assertThat(back.attribute("batchIds")).hasValue("b1,b2");
      assertThat(ledger.all()).hasSize(1);
      assertThat(back.toString()).doesNotContain("b1,b2");
    }
  }

  @Test
  void aClaimIsExclusiveUntilItsLeaseLapsesThenAnotherInstanceTakesItOver() {
    InMemoryCampaignClaims claims = InMemoryCampaignClaims.create();
    Duration lease = Duration.ofMinutes(5);
    CampaignClaims.Claim a = claims.tryClaim("execute:1:452", "A", NOW, lease).orElseThrow();
    assertThat(claims.tryClaim("execute:1:452", "B", NOW.plusSeconds(10), lease)).isEmpty();
    assertThat(claims.renew(a, NOW.plusSeconds(200), lease)).isPresent();
    assertThat(claims.tryClaim("execute:1:452", "B", NOW.plusSeconds(400), lease)).isEmpty();
    Instant afterLapse = NOW.plusSeconds(200).plus(lease).plusSeconds(1);
    CampaignClaims.Claim b = claims.tryClaim("execute:1:452", "B", afterLapse, lease).orElseThrow();
    assertThat(b.owner()).isEqualTo("B");
    assertThat(claims.renew(a, afterLapse, lease)).isEmpty(); // A lost it
    claims.release(a); // no effect: B holds it
    assertThat(claims.tryClaim("execute:1:452", "C", afterLapse, lease)).isEmpty();
    claims.release(b);
    assertThat(claims.tryClaim("execute:1:452", "C", afterLapse, lease)).isPresent();
  }

  @Test
  void anInboundRequestHidesItsHeadersAndBodyAndReadsHeadersInAnyCase() {
    InboundRequest r =
        InboundRequest.builder("post", "/optimove/events")
            .header("X-Token", "s3cret")
            .queryParameter("token", "s3cret")
            .body("{\"EventTypeID\":13}")
            .build();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.header("x-token")).hasValue("s3cret");
    assertThat(r.queryParameter("token")).hasValue("s3cret");
    assertThat(r.bodyText()).contains("13");
    assertThat(r.toString()).doesNotContain("s3cret").doesNotContain("EventTypeID");
    InboundResponse refused = InboundResponse.refused(401, "bad_token", "say \"why\"\n");
    assertThat(new String(refused.jsonBody(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("{\"outcome\":\"bad_token\",\"reason\":\"say \\\"why\\\"\\u000a\"}");
  }
}

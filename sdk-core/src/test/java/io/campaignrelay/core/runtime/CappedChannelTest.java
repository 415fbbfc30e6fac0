package io.campaignrelay.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignKind;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.CustomerAttributes;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.PhoneNumberDetails;
import io.campaignrelay.core.PhoneNumberParser;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.CampaignExecutionException;
import io.campaignrelay.core.execution.CampaignExecutor;
import io.campaignrelay.core.execution.DispatchResult;
import io.campaignrelay.core.execution.ExecutionListener;
import io.campaignrelay.core.execution.ExecutionReport;
import io.campaignrelay.core.execution.InMemoryExecutionJournal;
import io.campaignrelay.core.execution.MessageChannel;
import io.campaignrelay.core.execution.OutboundMessage;
import io.campaignrelay.core.execution.Recipient;
import io.campaignrelay.core.execution.RecipientState;
import io.campaignrelay.core.execution.ReconcileResult;
import io.campaignrelay.core.http.ApiConnectionException;
import io.campaignrelay.core.http.ApiErrorDetails;
import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.core.metrics.RejectionReason;
import io.campaignrelay.core.template.ApprovalState;
import io.campaignrelay.core.template.Template;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The scheduled path's caps: {@link CappedChannel} in front of a vendor channel written here, under
 * core's engine. Capped messages are never sent, always reported (report, listener, journal,
 * counters); reservations are given back only when nothing was sent.
 */
class CappedChannelTest {

  static final Instant T = Instant.parse("2026-11-24T09:15:00Z");
  static final String SHARED = "+447700900999";
  final Clock clock = Clock.fixed(T, ZoneOffset.UTC);

  static Campaign campaign(long id) {
    return Campaign.builder()
        .kind(CampaignKind.SCHEDULED)
        .id(CampaignId.scheduled(id))
        .channel(ChannelId.SCHEDULED_SMS)
        .templateId(TemplateId.of(7))
        .sendTime(T)
        .build();
  }

  static Template template() {
    return Template.builder()
        .id(TemplateId.of(7))
        .name("OPT_sale")
        .body("Hi [%FIRST_NAME%], 20% off today")
        .approvalState(ApprovalState.APPROVED)
        .build();
  }

  static String phoneOf(int i) {
    return String.format("+4477009%05d", i);
  }

  /** n customers; the first {@code shared} of them share one number. */
  static List<Recipient> recipients(int n, int shared) {
    return IntStream.range(0, n)
        .mapToObj(
            i ->
                Recipient.of(
                    CustomerId.of("C" + i),
                    CustomerAttributes.builder()
                        .add("PHONE", i < shared ? SHARED : phoneOf(i))
                        .add("FIRST_NAME", "Ann")
                        .build()))
        .toList();
  }

  /** A vendor: accepts everything (or fails as told), remembers what it sent. */
  static final class Vendor implements MessageChannel {
    final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();
    volatile RuntimeException failWith;
    volatile String rejectNumber;

    @Override
    public String name() {
      return "vendor";
    }

    @Override
    public int maxBatchSize() {
      return 7;
    }

    @Override
    public int maxConcurrentBatches() {
      return 3;
    }

    @Override
    public boolean deduplicatesByIdempotencyKey() {
      return true;
    }

    @Override
    public List<ReconcileResult> reconcile(List<OutboundMessage> messages) {
      return messages.stream()
          .map(m -> ReconcileResult.notSent(m.idempotencyKey(), "vendor has no record"))
          .toList();
    }

    @Override
    public List<DispatchResult> dispatch(List<OutboundMessage> batch) {
      calls.incrementAndGet();
      assertThat(batch.size()).isLessThanOrEqualTo(maxBatchSize());
      if (failWith != null) {
        throw failWith;
      }
      List<DispatchResult> out = new ArrayList<>();
      for (OutboundMessage m : batch) {
        if (m.to().e164().equals(rejectNumber)) {
          out.add(
              DispatchResult.rejected(
                  m.idempotencyKey(), RejectionReason.CANNOT_RECEIVE_SMS, "landline"));
        } else {
          sent.add(m);
          out.add(DispatchResult.accepted(m.idempotencyKey(), "m" + sent.size()));
        }
      }
      return out;
    }
  }

  /** What the engine's listener heard. */
  static final class Drops implements ExecutionListener {
    final Map<String, String> byCustomer = new ConcurrentHashMap<>();

    @Override
    public void onDropped(CustomerId customerId, RejectionReason reason, String detail) {
      byCustomer.put(customerId.value(), reason + " " + detail);
    }
  }

  static InMemorySendCaps caps(int perNumber, int perCountry, long perCampaign) {
    return InMemorySendCaps.builder()
        .perDestinationPerDay(perNumber)
        .perCountryPerHour(perCountry)
        .perCampaign(perCampaign)
        .build();
  }

  ExecutionReport run(MessageChannel channel, List<Recipient> rs, ExecutionListener l, Campaign c) {
    return CampaignExecutor.builder()
        .targetSource(x -> rs.stream())
        .channel(channel)
        .journal(InMemoryExecutionJournal.create())
        .clock(clock)
        .listener(l)
        .build()
        .execute(c, template(), ExecutionMode.LIVE);
  }

  @Test
  void ofTenCustomersSharingANumberWithACapOfTwoExactlyTwoAreSentAndEightReported() {
    Vendor vendor = new Vendor();
    InboundRefusals counters = InboundRefusals.create();
    CappedChannel capped =
        CappedChannel.builder()
            .channel(vendor)
            .caps(caps(2, 1_000, 100_000))
            .clock(clock)
            .counters(counters)
            .build();
    Drops drops = new Drops();

    ExecutionReport report = run(capped, recipients(50, 10), drops, campaign(1));

    assertThat(vendor.sent).hasSize(42);
    assertThat(vendor.sent.stream().filter(m -> m.to().e164().equals(SHARED))).hasSize(2);
    assertThat(report.dispatched()).isEqualTo(42);
    assertThat(report.dropped()).isEqualTo(8);
    assertThat(report.droppedByReason()).containsEntry(RejectionReason.OTHER, 8L);
    assertThat(drops.byCustomer).hasSize(8);
    assertThat(drops.byCustomer.values())
        .allSatisfy(
            d ->
                assertThat(d)
                    .isEqualTo("OTHER per-number daily cap of 2 reached for +44…99: not sent")
                    .doesNotContain(SHARED));
    assertThat(counters.get("scheduled cap_destination_per_day")).isEqualTo(8);
    assertThat(counters.total()).isEqualTo(8);
    // delegated: the engine cut batches at the vendor's size, and asked the vendor's dedup
    assertThat(capped.maxBatchSize()).isEqualTo(7);
    assertThat(capped.maxConcurrentBatches()).isEqualTo(3);
    assertThat(capped.deduplicatesByIdempotencyKey()).isTrue();
    assertThat(capped.name()).isEqualTo("vendor");
    assertThat(capped.reconcile(List.of(message(1, SHARED))))
        .extracting(ReconcileResult::status)
        .containsExactly(ReconcileResult.Status.NOT_SENT);
  }

  @Test
  void aPerCampaignCapOfTwentySendsTwentyAndReportsTheRest() {
    Vendor vendor = new Vendor();
    InboundRefusals counters = InboundRefusals.create();
    InMemorySendCaps caps = caps(5, 1_000, 20);
    CappedChannel capped =
        CappedChannel.builder().channel(vendor).caps(caps).clock(clock).counters(counters).build();
    Drops drops = new Drops();

    ExecutionReport report = run(capped, recipients(50, 0), drops, campaign(2));

    assertThat(vendor.sent).hasSize(20);
    assertThat(report.dispatched()).isEqualTo(20);
    assertThat(report.dropped()).isEqualTo(30);
    assertThat(drops.byCustomer.values())
        .allSatisfy(
            d ->
                assertThat(d)
                    .isEqualTo(
                        "OTHER per-campaign cap of 20 reached for campaign "
                            + CampaignId.scheduled(2)
                            + ": not sent"));
    assertThat(counters.get("scheduled cap_campaign")).isEqualTo(30);
    // another campaign has its own count
    Vendor other = new Vendor();
    run(
        CappedChannel.builder().channel(other).caps(caps).clock(clock).build(),
        recipients(3, 0).stream()
            .map(
                r ->
                    Recipient.of(
                        CustomerId.of("D" + r.customerId().value()),
                        CustomerAttributes.builder()
                            .add("PHONE", "+4477008" + r.customerId().value().substring(1) + "000")
                            .add("FIRST_NAME", "Bo")
                            .build()))
            .toList(),
        ExecutionListener.NONE,
        campaign(3));
    assertThat(other.sent).hasSize(3);
  }

  @Test
  void aPerCountryCapNamesTheCountryAndCountsEachCountryApart() {
    Vendor vendor = new Vendor();
    PhoneNumberParser regions =
        new PhoneNumberParser() {
          @Override
          public PhoneNumber parse(String input) {
            return PhoneNumberParser.basic().parse(input);
          }

          @Override
          public PhoneNumberDetails describe(String input) {
            PhoneNumber n = parse(input);
            return PhoneNumberDetails.builder()
                .number(n)
                .regionCode(n.hasCountryCallingCode(44) ? "GB" : "IE")
                .build();
          }
        };
    InboundRefusals counters = InboundRefusals.create();
    CappedChannel capped =
        CappedChannel.builder()
            .channel(vendor)
            .caps(caps(5, 4, 1_000))
            .phoneParser(regions)
            .clock(clock)
            .counters(counters)
            .build();
    List<Recipient> rs = new ArrayList<>(recipients(6, 0));
    for (int i = 0; i < 3; i++) {
      rs.add(
          Recipient.of(
              CustomerId.of("IE" + i),
              CustomerAttributes.builder()
                  .add("PHONE", "+35387123456" + i)
                  .add("FIRST_NAME", "Ann")
                  .build()));
    }
    Drops drops = new Drops();
    ExecutionReport report = run(capped, rs, drops, campaign(4));
    assertThat(report.dispatched()).isEqualTo(7);
    assertThat(vendor.sent.stream().filter(m -> m.to().hasCountryCallingCode(353))).hasSize(3);
    assertThat(drops.byCustomer.values())
        .containsOnly("OTHER per-country hourly cap of 4 reached for GB: not sent");
    assertThat(counters.get("scheduled cap_country_per_hour")).isEqualTo(2);
  }

  @Test
  void aBatchTheVendorRefusedGivesItsReservationsBackAndAnUnknownOutcomeKeepsThem() {
    InMemorySendCaps caps = caps(1, 1_000, 100_000);
    Vendor vendor = new Vendor();
    CappedChannel capped = CappedChannel.builder().channel(vendor).caps(caps).clock(clock).build();
    List<OutboundMessage> batch = List.of(message(1, phoneOf(1)), message(2, phoneOf(2)));

    // refused: nothing was sent, so the numbers may be texted again
    vendor.failWith =
        new ApiServiceException(
            new ApiErrorDetails("vendor", "POST send", 422, "bad", "refused", null, false, ""),
            true);
    assertThatThrownBy(() -> capped.dispatch(batch)).isSameAs(vendor.failWith);
    vendor.failWith = new ApiConnectionException("refused before sending", false, 1, null);
    assertThatThrownBy(() -> capped.dispatch(batch)).isSameAs(vendor.failWith);
    assertThat(caps.tryAcquire("x", phoneOf(1), "unknown", T)).isEmpty();
    assertThat(caps.release("x", phoneOf(1), "unknown", T)).isTrue();

    // unknown: the messages may have gone, so they stay counted
    vendor.failWith = new ApiConnectionException("answer lost", true, 1, null);
    assertThatThrownBy(() -> capped.dispatch(batch)).isSameAs(vendor.failWith);
    vendor.failWith = null;
    List<DispatchResult> again = capped.dispatch(batch);
    assertThat(again).noneMatch(DispatchResult::isAccepted).hasSize(2);
    assertThat(vendor.sent).isEmpty();
    // the vendor was called only while the caps allowed it
    assertThat(vendor.calls).hasValue(3);
  }

  @Test
  void aMessageTheVendorRejectedIsGivenBack() {
    InMemorySendCaps caps = caps(1, 1_000, 100_000);
    Vendor vendor = new Vendor();
    vendor.rejectNumber = phoneOf(3);
    CappedChannel capped = CappedChannel.builder().channel(vendor).caps(caps).clock(clock).build();
    assertThat(capped.dispatch(List.of(message(3, phoneOf(3)))))
        .singleElement()
        .satisfies(r -> assertThat(r.detail()).contains("landline"));
    vendor.rejectNumber = null;
    assertThat(capped.dispatch(List.of(message(3, phoneOf(3)))))
        .singleElement()
        .satisfies(r -> assertThat(r.isAccepted()).isTrue());
  }

  @Test
  void capsThatCannotBeReadSendNothingAndTheEngineRecordsTheBatchFailed() {
    Vendor vendor = new Vendor();
    AtomicInteger asked = new AtomicInteger();
    InMemorySendCaps real = caps(5, 1_000, 100_000);
    SendCaps flaky =
        new SendCaps() {
          @Override
          public Optional<Scope> tryAcquire(
              String campaign, String destination, String country, Instant now) {
            if (asked.incrementAndGet() == 3) {
              throw new IllegalStateException("database down");
            }
            return real.tryAcquire(campaign, destination, country, now);
          }

          @Override
          public boolean release(String campaign, String destination, String country, Instant at) {
            return real.release(campaign, destination, country, at);
          }
        };
    CappedChannel capped = CappedChannel.builder().channel(vendor).caps(flaky).clock(clock).build();
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    CampaignExecutor engine =
        CampaignExecutor.builder()
            .targetSource(x -> recipients(5, 0).stream())
            .channel(capped)
            .journal(journal)
            .clock(clock)
            .build();
    assertThatThrownBy(() -> engine.execute(campaign(5), template(), ExecutionMode.LIVE))
        .isInstanceOf(CampaignExecutionException.class)
        .hasMessageContaining("none of it was sent")
        .hasRootCauseMessage("database down");
    assertThat(vendor.sent).isEmpty();
    for (int i = 0; i < 5; i++) {
      assertThat(journal.entry(CampaignId.scheduled(5), CustomerId.of("C" + i)))
          .hasValueSatisfying(e -> assertThat(e.state()).isEqualTo(RecipientState.FAILED));
    }
    // the two reserved before the failure were given back: each number may still be texted 5 times
    assertThat(real.tryAcquire("y", phoneOf(0), "unknown", T)).isEmpty();
    // a run once the caps answer again sends the batch
    ExecutionReport report = engine.execute(campaign(5), template(), ExecutionMode.LIVE);
    assertThat(report.dispatched()).isEqualTo(5);
    assertThat(vendor.sent).hasSize(5);
  }

  @Test
  void manyThreadsDispatchingAtOnceNeverExceedACap() throws Exception {
    Vendor vendor = new Vendor();
    InMemorySendCaps caps = caps(3, 40, 100_000);
    CappedChannel capped = CappedChannel.builder().channel(vendor).caps(caps).clock(clock).build();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<DispatchResult>>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  List<DispatchResult> all = new ArrayList<>();
                  for (int b = 0; b < 5; b++) {
                    List<OutboundMessage> batch = new ArrayList<>();
                    for (int i = 0; i < 5; i++) {
                      int n = thread * 100 + b * 10 + i;
                      // every thread also aims at one shared number
                      batch.add(message(n, i == 0 ? SHARED : phoneOf(n)));
                    }
                    all.addAll(capped.dispatch(batch));
                  }
                  return all;
                }));
      }
      go.countDown();
      List<DispatchResult> results = Collections.synchronizedList(new ArrayList<>());
      for (Future<List<DispatchResult>> f : futures) {
        results.addAll(f.get(30, TimeUnit.SECONDS));
      }
      assertThat(results).hasSize(threads * 25);
      assertThat(results.stream().filter(DispatchResult::isAccepted)).hasSize(40);
      assertThat(vendor.sent).hasSize(40);
      assertThat(vendor.sent.stream().filter(m -> m.to().e164().equals(SHARED)).count())
          .isLessThanOrEqualTo(3);
      assertThat(results.stream().filter(r -> !r.isAccepted()).map(r -> r.detail().orElseThrow()))
          .allMatch(d -> d.startsWith("per-country hourly cap of 40") || d.contains("per-number"));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anInMemoryReleaseGivesBackOnceAndOnlyTheWindowsStillCurrent() {
    InMemorySendCaps caps = caps(1, 2, 3);
    assertThat(caps.tryAcquire("c", phoneOf(1), "GB", T)).isEmpty();
    assertThat(caps.release("c", phoneOf(1), "GB", T)).isTrue();
    assertThat(caps.release("c", phoneOf(1), "GB", T)).isFalse(); // nothing left
    assertThat(caps.tryAcquire("c", phoneOf(1), "GB", T)).isEmpty();
    // released in a later hour: the campaign's count comes back, the past hour's stays over
    Instant later = T.plus(java.time.Duration.ofHours(1));
    assertThat(caps.tryAcquire("c", phoneOf(2), "GB", later)).isEmpty();
    assertThat(caps.release("c", phoneOf(1), "GB", T)).isTrue();
    assertThat(caps.tryAcquire("c", phoneOf(3), "GB", later)).isEmpty();
    assertThat(caps.tryAcquire("c", phoneOf(4), "GB", later))
        .contains(SendCaps.Scope.COUNTRY_PER_HOUR);
    assertThat(caps.tryAcquire("c", phoneOf(4), "IE", later)).isEmpty();
    assertThat(caps.tryAcquire("c", phoneOf(5), "IE", later)).contains(SendCaps.Scope.CAMPAIGN);
  }

  @Test
  void missingSettingsAreListedTogetherAndTheMaskShowsFourDigits() {
    assertThatThrownBy(() -> CappedChannel.builder().clock(null).counterPrefix(" ").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("channel")
        .hasMessageContaining("caps")
        .hasMessageContaining("clock")
        .hasMessageContaining("counterPrefix");
    assertThat(CappedChannel.mask(PhoneNumber.ofE164("+447700900123"))).isEqualTo("+44…23");
    assertThat(SendCaps.unlimited().limit(SendCaps.Scope.CAMPAIGN)).isEqualTo(OptionalLong.empty());
    assertThat(SendCaps.unlimited().release("c", "+4", "GB", T)).isFalse();
    assertThat(caps(2, 3, 4).limit(SendCaps.Scope.COUNTRY_PER_HOUR)).hasValue(3);
  }

  static OutboundMessage message(int customer, String phone) {
    return OutboundMessage.of(
        campaign(9),
        CustomerId.of("M" + customer),
        PhoneNumber.ofE164(phone),
        TemplateId.of(7),
        "Hi");
  }
}

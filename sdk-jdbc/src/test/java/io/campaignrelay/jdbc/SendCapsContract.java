package io.campaignrelay.jdbc;

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
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.CampaignExecutor;
import io.campaignrelay.core.execution.DispatchResult;
import io.campaignrelay.core.execution.ExecutionReport;
import io.campaignrelay.core.execution.InMemoryExecutionJournal;
import io.campaignrelay.core.execution.MessageChannel;
import io.campaignrelay.core.execution.OutboundMessage;
import io.campaignrelay.core.execution.Recipient;
import io.campaignrelay.core.runtime.CappedChannel;
import io.campaignrelay.core.runtime.InboundRefusals;
import io.campaignrelay.core.runtime.SendCaps;
import io.campaignrelay.core.template.ApprovalState;
import io.campaignrelay.core.template.Template;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link JdbcSendCaps} and {@link JdbcListenerTokens}, run unchanged on H2 and on
 * PostgreSQL (see the subclasses); each test on a database or schema of its own. "Instances" are
 * separate stores (each with its own connections) on one database. The semantics are those of
 * core's InMemorySendCaps (its test runs the same sequence).
 */
abstract class SendCapsContract {
  static final Instant T = Instant.parse("2026-11-24T09:15:00Z");
  static final int RACERS = 8;

  private final List<JdbcStore> opened = new ArrayList<>();

  abstract JdbcStore.Builder settings();

  JdbcStore open() {
    JdbcStore s = settings().build();
    opened.add(s);
    return s;
  }

  @AfterEach
  void closeStores() {
    opened.forEach(JdbcStore::close);
  }

  /** Caps on a new store (a new instance) on the test's database. */
  JdbcSendCaps caps(long perNumber, long perCountry, long perCampaign) {
    return JdbcSendCaps.builder()
        .store(open())
        .perDestinationPerDay(perNumber)
        .perCountryPerHour(perCountry)
        .perCampaign(perCampaign)
        .build();
  }

  @Test
  void eachCapStopsItsScopeAndARefusalCountsNowhereAcrossInstances() {
    JdbcSendCaps a = caps(2, 3, 5);
    JdbcSendCaps b = caps(2, 3, 5);
    Instant t = T;
    assertThat(a.tryAcquire("c1", "+441", "GB", t)).isEmpty();
    assertThat(b.tryAcquire("c1", "+441", "GB", t)).isEmpty();
    assertThat(a.tryAcquire("c1", "+441", "GB", t))
        .isEqualTo(Optional.of(SendCaps.Scope.DESTINATION_PER_DAY));
    assertThat(b.tryAcquire("c1", "+442", "GB", t)).isEmpty();
    assertThat(a.tryAcquire("c1", "+443", "GB", t))
        .isEqualTo(Optional.of(SendCaps.Scope.COUNTRY_PER_HOUR));
    // the refusals were counted in no scope
    assertThat(a.used(SendCaps.Scope.DESTINATION_PER_DAY, "+441", t)).isEqualTo(2);
    assertThat(a.used(SendCaps.Scope.DESTINATION_PER_DAY, "+443", t)).isZero();
    assertThat(b.used(SendCaps.Scope.COUNTRY_PER_HOUR, "GB", t)).isEqualTo(3);
    assertThat(b.used(SendCaps.Scope.CAMPAIGN, "c1", t)).isEqualTo(3);
    Instant later = t.plus(Duration.ofHours(1));
    assertThat(b.tryAcquire("c1", "+443", "GB", later)).isEmpty();
    assertThat(a.tryAcquire("c1", "+444", "IE", later)).isEmpty();
    assertThat(b.tryAcquire("c1", "+445", "IE", later))
        .isEqualTo(Optional.of(SendCaps.Scope.CAMPAIGN));
    assertThat(a.tryAcquire("c2", "+445", "IE", later)).isEmpty();
    // the next UTC day: the number's count starts again, the campaign's does not
    Instant nextDay = t.plus(Duration.ofDays(1));
    assertThat(a.tryAcquire("c3", "+441", "GB", nextDay)).isEmpty();
    assertThat(b.tryAcquire("c1", "+446", "GB", nextDay))
        .isEqualTo(Optional.of(SendCaps.Scope.CAMPAIGN));
    assertThat(a.limit(SendCaps.Scope.DESTINATION_PER_DAY)).hasValue(2);
    assertThat(a.limit(SendCaps.Scope.COUNTRY_PER_HOUR)).hasValue(3);
    assertThat(a.limit(SendCaps.Scope.CAMPAIGN)).hasValue(5);
    assertThat(a.limit(null)).isEqualTo(OptionalLong.empty());
  }

  @Test
  void aReleaseGivesBackEveryScopeOnceAndNeverBelowZero() {
    JdbcSendCaps a = caps(1, 1, 1);
    JdbcSendCaps b = caps(1, 1, 1);
    assertThat(a.tryAcquire("c", "+447700900001", "GB", T)).isEmpty();
    assertThat(b.tryAcquire("c", "+447700900001", "GB", T))
        .isEqualTo(Optional.of(SendCaps.Scope.DESTINATION_PER_DAY));
    assertThat(b.release("c", "+447700900001", "GB", T)).isTrue();
    assertThat(a.release("c", "+447700900001", "GB", T)).isFalse(); // nothing left to give back
    assertThat(a.used(SendCaps.Scope.CAMPAIGN, "c", T)).isZero();
    assertThat(a.used(SendCaps.Scope.COUNTRY_PER_HOUR, "GB", T)).isZero();
    assertThat(b.tryAcquire("c", "+447700900001", "GB", T)).isEmpty();
    assertThat(b.release("never", "+447700900002", "GB", T)).isFalse();
    assertThat(b.used(SendCaps.Scope.DESTINATION_PER_DAY, "+447700900002", T)).isZero();
  }

  @Test
  void instancesRacingForOneCapNeverExceedItTogether() throws Exception {
    List<JdbcSendCaps> instances = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      instances.add(caps(3, 25, 1_000));
    }
    // each racer tries 10 numbers of its own and the one number they all share
    List<Integer> granted =
        RuntimeStateContract.race(
            RACERS,
            r ->
                () -> {
                  int n = 0;
                  for (int i = 0; i < 10; i++) {
                    if (instances
                        .get(r)
                        .tryAcquire("race", "+4477009" + (r * 100 + i), "GB", T)
                        .isEmpty()) {
                      n++;
                    }
                    if (instances.get(r).tryAcquire("race", "+447700999999", "GB", T).isEmpty()) {
                      n++;
                    }
                  }
                  return n;
                });
    assertThat(granted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(25);
    JdbcSendCaps reader = instances.get(0);
    assertThat(reader.used(SendCaps.Scope.COUNTRY_PER_HOUR, "GB", T)).isEqualTo(25);
    assertThat(reader.used(SendCaps.Scope.CAMPAIGN, "race", T)).isEqualTo(25);
    assertThat(reader.used(SendCaps.Scope.DESTINATION_PER_DAY, "+447700999999", T))
        .isLessThanOrEqualTo(3);
  }

  @Test
  void instancesRacingForOneNumberGrantExactlyItsCap() throws Exception {
    List<JdbcSendCaps> instances = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      instances.add(caps(3, 1_000, 1_000));
    }
    List<Integer> granted =
        RuntimeStateContract.race(
            RACERS,
            r ->
                () -> {
                  int n = 0;
                  for (int i = 0; i < 5; i++) {
                    if (instances.get(r).tryAcquire("c" + r, "+447700900123", "GB", T).isEmpty()) {
                      n++;
                    }
                  }
                  return n;
                });
    assertThat(granted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);
    // the 37 refusals counted nowhere
    assertThat(instances.get(1).used(SendCaps.Scope.COUNTRY_PER_HOUR, "GB", T)).isEqualTo(3);
  }

  @Test
  void aBatchIsDecidedAsMessagesOneByOneAndARefusalCountsNowhere() {
    JdbcSendCaps a = caps(2, 4, 5);
    List<SendCaps.Request> batch =
        List.of(
            new SendCaps.Request("b", "+441", "GB"),
            new SendCaps.Request("b", "+441", "GB"),
            new SendCaps.Request("b", "+441", "GB"), // the number's third
            new SendCaps.Request("b", "+442", "GB"),
            new SendCaps.Request("b", "+443", "GB"),
            new SendCaps.Request("b", "+444", "GB"), // the country's fifth
            new SendCaps.Request("b", "+445", "IE"),
            new SendCaps.Request("b", "+446", "IE")); // the campaign's sixth
    List<Optional<SendCaps.Scope>> decided = a.tryAcquireAll(batch, T);
    assertThat(decided.stream().filter(Optional::isEmpty)).hasSize(5);
    assertThat(decided.get(2)).contains(SendCaps.Scope.DESTINATION_PER_DAY);
    assertThat(decided.get(5)).contains(SendCaps.Scope.COUNTRY_PER_HOUR);
    assertThat(decided.get(7)).contains(SendCaps.Scope.CAMPAIGN);
    // refused messages counted in no scope
    assertThat(a.used(SendCaps.Scope.DESTINATION_PER_DAY, "+441", T)).isEqualTo(2);
    assertThat(a.used(SendCaps.Scope.DESTINATION_PER_DAY, "+444", T)).isZero();
    assertThat(a.used(SendCaps.Scope.DESTINATION_PER_DAY, "+446", T)).isZero();
    assertThat(a.used(SendCaps.Scope.COUNTRY_PER_HOUR, "GB", T)).isEqualTo(4);
    assertThat(a.used(SendCaps.Scope.COUNTRY_PER_HOUR, "IE", T)).isEqualTo(1);
    assertThat(a.used(SendCaps.Scope.CAMPAIGN, "b", T)).isEqualTo(5);
    // given back as a batch: every scope of each
    JdbcSendCaps b = caps(2, 4, 5);
    b.releaseAll(List.of(batch.get(0), batch.get(6)), T);
    assertThat(a.used(SendCaps.Scope.DESTINATION_PER_DAY, "+441", T)).isEqualTo(1);
    assertThat(a.used(SendCaps.Scope.COUNTRY_PER_HOUR, "GB", T)).isEqualTo(3);
    assertThat(a.used(SendCaps.Scope.COUNTRY_PER_HOUR, "IE", T)).isZero();
    assertThat(a.used(SendCaps.Scope.CAMPAIGN, "b", T)).isEqualTo(3);
    assertThat(a.tryAcquireAll(List.of(), T)).isEmpty();
  }

  @Test
  void instancesRacingWithBatchesNeverExceedACapTogether() throws Exception {
    List<JdbcSendCaps> instances = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      instances.add(caps(3, 25, 1_000));
    }
    List<Integer> granted =
        RuntimeStateContract.race(
            RACERS,
            r ->
                () -> {
                  int n = 0;
                  for (int b = 0; b < 3; b++) {
                    List<SendCaps.Request> batch = new ArrayList<>();
                    for (int i = 0; i < 6; i++) {
                      // each batch aims at its own numbers and at one number every racer shares
                      String to = i == 0 ? "+447700999999" : "+4477009" + (r * 100 + b * 10 + i);
                      batch.add(new SendCaps.Request("race" + (i % 2), to, "GB"));
                    }
                    n +=
                        (int)
                            instances.get(r).tryAcquireAll(batch, T).stream()
                                .filter(Optional::isEmpty)
                                .count();
                  }
                  return n;
                });
    assertThat(granted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(25);
    JdbcSendCaps reader = instances.get(0);
    assertThat(reader.used(SendCaps.Scope.COUNTRY_PER_HOUR, "GB", T)).isEqualTo(25);
    assertThat(
            reader.used(SendCaps.Scope.CAMPAIGN, "race0", T)
                + reader.used(SendCaps.Scope.CAMPAIGN, "race1", T))
        .isEqualTo(25);
    assertThat(reader.used(SendCaps.Scope.DESTINATION_PER_DAY, "+447700999999", T))
        .isLessThanOrEqualTo(3);
  }

  @Test
  void twoEnginesOnTwoInstancesSharingACountryCapNeverExceedIt() throws Exception {
    Clock clock = Clock.fixed(T, ZoneOffset.UTC);
    PhoneNumberParser gb =
        new PhoneNumberParser() {
          @Override
          public PhoneNumber parse(String input) {
            return PhoneNumberParser.basic().parse(input);
          }

          @Override
          public PhoneNumberDetails describe(String input) {
            return PhoneNumberDetails.builder().number(parse(input)).regionCode("GB").build();
          }
        };
    List<OutboundMessage> sent = new CopyOnWriteArrayList<>();
    List<InboundRefusals> counters = List.of(InboundRefusals.create(), InboundRefusals.create());
    List<CampaignExecutor> engines = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      CappedChannel channel =
          CappedChannel.builder()
              .channel(new Vendor(sent))
              .caps(caps(5, 60, 100_000))
              .phoneParser(gb)
              .clock(clock)
              .counters(counters.get(i))
              .build();
      int instance = i;
      engines.add(
          CampaignExecutor.builder()
              .targetSource(c -> recipients(instance, 50).stream())
              .channel(channel)
              .journal(InMemoryExecutionJournal.create())
              .clock(clock)
              .build());
    }
    List<ExecutionReport> reports =
        RuntimeStateContract.race(
            2,
            i -> () -> engines.get(i).execute(campaign(100 + i), template(), ExecutionMode.LIVE));
    assertThat(sent).hasSize(60);
    long dispatched = reports.stream().mapToLong(ExecutionReport::dispatched).sum();
    long dropped = reports.stream().mapToLong(ExecutionReport::dropped).sum();
    assertThat(dispatched).isEqualTo(60);
    assertThat(dropped).isEqualTo(40);
    assertThat(
            counters.get(0).get("scheduled cap_country_per_hour")
                + counters.get(1).get("scheduled cap_country_per_hour"))
        .isEqualTo(40);
  }

  @Test
  void purgingDeletesPastDaysAndHoursAndKeepsCampaignCounts() {
    JdbcSendCaps a = caps(5, 5, 100);
    assertThat(a.tryAcquire("c", "+441", "GB", T)).isEmpty();
    Instant nextDay = T.plus(Duration.ofDays(1));
    JdbcSendCaps b = caps(5, 5, 100);
    assertThat(b.purgeExpired(T)).isZero();
    assertThat(b.purgeExpired(nextDay)).isEqualTo(2); // yesterday's number and hour
    assertThat(a.used(SendCaps.Scope.DESTINATION_PER_DAY, "+441", T)).isZero();
    assertThat(a.used(SendCaps.Scope.COUNTRY_PER_HOUR, "GB", T)).isZero();
    assertThat(a.used(SendCaps.Scope.CAMPAIGN, "c", nextDay)).isEqualTo(1);
    // an instance purges by itself when it first sees a new hour
    assertThat(a.tryAcquire("c", "+441", "GB", T)).isEmpty();
    assertThat(a.tryAcquire("c", "+442", "GB", nextDay)).isEmpty();
    assertThat(a.used(SendCaps.Scope.DESTINATION_PER_DAY, "+441", T)).isZero();
    assertThat(a.used(SendCaps.Scope.DESTINATION_PER_DAY, "+442", nextDay)).isEqualTo(1);
    assertThat(a.used(SendCaps.Scope.CAMPAIGN, "c", nextDay)).isEqualTo(3);
  }

  @Test
  void badArgumentsAndSettingsAreTypedProblems() {
    JdbcSendCaps a = caps(1, 1, 1);
    assertThatThrownBy(() -> a.tryAcquire(null, "+441", "GB", T))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("campaign");
    assertThatThrownBy(() -> a.tryAcquire("c", "+441", "GB", null))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("now");
    assertThatThrownBy(() -> a.tryAcquire("x".repeat(1001), "+441", "GB", T))
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(
            () ->
                JdbcSendCaps.builder()
                    .perDestinationPerDay(0)
                    .perCountryPerHour(-1)
                    .perCampaign(0)
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("store")
        .hasMessageContaining("perDestinationPerDay")
        .hasMessageContaining("perCountryPerHour")
        .hasMessageContaining("perCampaign");
    // numbers are kept hashed, never in plain text
    assertThat(a.tryAcquire("c", "+447700900777", "GB", T)).isEmpty();
    assertThat(a.toString()).doesNotContain("777");
  }

  // ---- listener tokens

  @Test
  void aRotationByOneInstanceHoldsForEveryInstanceAtOnce() {
    JdbcListenerTokens a = JdbcListenerTokens.of(open(), "delivyr-optimove-events");
    JdbcListenerTokens b = JdbcListenerTokens.of(open(), "delivyr-optimove-events");
    JdbcListenerTokens other = JdbcListenerTokens.of(open(), "textlocal");
    assertThat(a.current()).isEmpty();
    assertThat(a.matches("anything")).isFalse();
    Secret first = a.rotate();
    assertThat(first.reveal()).matches("[A-Za-z0-9_-]{43}");
    assertThat(b.current()).contains(first);
    assertThat(b.matches(first.reveal())).isTrue();
    Secret second = b.rotate();
    assertThat(second).isNotEqualTo(first);
    assertThat(a.matches(first.reveal())).isFalse(); // the old token is refused everywhere
    assertThat(b.matches(first.reveal())).isFalse();
    assertThat(a.matches(second.reveal())).isTrue();
    assertThat(a.matches(null)).isFalse();
    assertThat(other.current()).isEmpty(); // each name has its own token
    assertThat(a.toString()).doesNotContain(second.reveal()).contains("delivyr-optimove-events");
    assertThatThrownBy(() -> JdbcListenerTokens.of(open(), "bad name"))
        .isInstanceOf(ConfigurationException.class);
  }

  // ---- fixtures

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
        .body("Hi [%FIRST_NAME%]")
        .approvalState(ApprovalState.APPROVED)
        .build();
  }

  static List<Recipient> recipients(int instance, int n) {
    return IntStream.range(0, n)
        .mapToObj(
            i ->
                Recipient.of(
                    CustomerId.of("C" + instance + "-" + i),
                    CustomerAttributes.builder()
                        .add("PHONE", String.format("+44770%d%06d", instance, i))
                        .add("FIRST_NAME", "Ann")
                        .build()))
        .toList();
  }

  /** A vendor written for the test: accepts every message and remembers it. */
  static final class Vendor implements MessageChannel {
    final List<OutboundMessage> sent;

    Vendor(List<OutboundMessage> sent) {
      this.sent = sent;
    }

    @Override
    public String name() {
      return "vendor";
    }

    @Override
    public int maxBatchSize() {
      return 10;
    }

    @Override
    public List<DispatchResult> dispatch(List<OutboundMessage> batch) {
      List<DispatchResult> out = new ArrayList<>();
      for (OutboundMessage m : batch) {
        sent.add(m);
        out.add(DispatchResult.accepted(m.idempotencyKey(), "m" + sent.size()));
      }
      return out;
    }
  }
}

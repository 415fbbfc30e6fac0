package io.campaignrelay.optimove;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignKind;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.Recipient;
import io.campaignrelay.optimove.models.CampaignTargetQuery;
import io.campaignrelay.optimove.models.CustomerSendDetail;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntBinaryOperator;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Paging against servers written here that ignore {@code $top} and/or {@code $skip}. Before the
 * checks these listings never ended, hence the timeout.
 */
@Timeout(20)
class TargetPagingTest extends OptimoveTestSupport {

  /** Serves rows {@code from(top, skip)} .. {@code +count(top, skip)} for every request. */
  static final class PagingServer extends Dispatcher {
    final IntBinaryOperator from;
    final IntBinaryOperator count;
    final List<String> targets = Collections.synchronizedList(new ArrayList<>());

    PagingServer(IntBinaryOperator from, IntBinaryOperator count) {
      this.from = from;
      this.count = count;
    }

    @Override
    public MockResponse dispatch(RecordedRequest r) {
      targets.add(r.getTarget());
      int top = Integer.parseInt(r.getUrl().queryParameter("$top"));
      int skip = Integer.parseInt(r.getUrl().queryParameter("$skip"));
      int first = from.applyAsInt(top, skip);
      int n = count.applyAsInt(top, skip);
      StringBuilder sb = new StringBuilder("[");
      for (int i = first; i < first + n; i++) {
        sb.append(i > first ? "," : "")
            .append("{\"CustomerID\":\"c")
            .append(i)
            .append("\",\"TemplateID\":7,\"CustomerAttributes\":[\"+4477009")
            .append(String.format("%05d", i))
            .append("\"]}");
      }
      return new MockResponse.Builder()
          .code(200)
          .addHeader("Content-Type", "application/json")
          .body(sb.append(']').toString())
          .build();
    }
  }

  static CampaignTargetQuery query(int pageSize) {
    return CampaignTargetQuery.builder()
        .campaignId(1234)
        .channelId(452)
        .customerAttributes(List.of("MOBILE"))
        .pageSize(pageSize)
        .build();
  }

  static Campaign campaign(Long targeted) {
    Campaign.Builder b =
        Campaign.builder()
            .kind(CampaignKind.SCHEDULED)
            .id(CampaignId.of("1234"))
            .channel(ChannelId.SCHEDULED_SMS)
            .templateId(TemplateId.of(7))
            .sendTime(NOW);
    if (targeted != null) {
      b.targetedCount(targeted);
    }
    return b.build();
  }

  @Test
  void aServerIgnoringSkipStopsAtTheRepeatedPageNamingCampaignAndPage() {
    PagingServer s = new PagingServer((top, skip) -> 0, (top, skip) -> top);
    server.setDispatcher(s);
    List<String> read = new ArrayList<>();

    assertThatThrownBy(
            () ->
                client.listCustomerSendDetails(query(3)).stream()
                    .map(CustomerSendDetail::customerId)
                    .forEach(read::add))
        .isInstanceOfSatisfying(
            TargetListingException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(TargetListingException.Problem.PAGE_REPEATED);
              assertThat(e.campaignId()).isEqualTo(1234);
              assertThat(e.page()).isEqualTo(2);
              assertThat(e.skip()).isEqualTo(3);
              assertThat(e.getMessage())
                  .contains("campaign 1234")
                  .contains("page 2")
                  .contains("$skip=3")
                  .contains("ignores $top/$skip");
            })
        .isInstanceOf(io.campaignrelay.core.CampaignRelayException.class);
    assertThat(read).containsExactly("c0", "c1", "c2");
    assertThat(s.targets).hasSize(2);
  }

  @Test
  void aServerIgnoringTopAndSkipYieldsEveryRowOnceThenStops() {
    PagingServer s = new PagingServer((top, skip) -> 0, (top, skip) -> 25);
    server.setDispatcher(s);
    OptimoveTargetSource source =
        OptimoveTargetSource.builder()
            .client(client)
            .function(OptimoveTargetSource.Function.SEND_DETAILS_BY_CHANNEL)
            .customerAttributes(List.of("MOBILE"))
            .pageSize(10)
            .build();
    List<String> read = new ArrayList<>();

    assertThatThrownBy(
            () -> source.recipients(campaign(null)).forEach(r -> read.add(r.customerId().value())))
        .isInstanceOf(TargetListingException.class);
    assertThat(read).hasSize(25).doesNotHaveDuplicates();
  }

  @Test
  void aServerIgnoringOnlyTopStillEndsNormally() {
    PagingServer s = new PagingServer((top, skip) -> skip, (top, skip) -> Math.max(0, 25 - skip));
    server.setDispatcher(s);

    List<CustomerSendDetail> rows = client.listCustomerSendDetails(query(10)).stream().toList();

    assertThat(rows).extracting(CustomerSendDetail::customerId).hasSize(25).doesNotHaveDuplicates();
    assertThat(s.targets).hasSize(2);
  }

  @Test
  void pagingPastTheTargetedCountStopsWithTheMargin() {
    // new rows for ever: a server whose $skip is broken in a way no page repeats
    PagingServer s = new PagingServer((top, skip) -> skip * 7, (top, skip) -> top);
    server.setDispatcher(s);
    OptimoveTargetSource source =
        OptimoveTargetSource.builder()
            .client(client)
            .function(OptimoveTargetSource.Function.SEND_DETAILS_BY_CHANNEL)
            .customerAttributes(List.of("MOBILE"))
            .pageSize(10)
            .targetedMargin(5)
            .build();
    List<Recipient> read = new ArrayList<>();

    assertThatThrownBy(() -> source.recipients(campaign(45L)).forEach(read::add))
        .isInstanceOfSatisfying(
            TargetListingException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(TargetListingException.Problem.PAST_TARGETED_COUNT);
              assertThat(e.page()).isEqualTo(6);
              assertThat(e.skip()).isEqualTo(50);
              assertThat(e.getMessage()).contains("campaign 1234").contains("targeted count 45");
            });
    assertThat(read).hasSize(50);
  }

  @Test
  void theDefaultMarginIsATenthAndAtLeastAHundredRows() {
    assertThat(OptimoveTargetSource.defaultMargin(45)).isEqualTo(100);
    assertThat(OptimoveTargetSource.defaultMargin(50_000)).isEqualTo(5_000);
  }

  @Test
  void singleRowPagesMayRepeatACustomerButNotForever() {
    // c0, c0, c1, c2, c3 (one customer listed twice in a row), then c3 for ever
    int[] rows = {0, 0, 1, 2, 3};
    PagingServer twice =
        new PagingServer((top, skip) -> rows[Math.min(skip, rows.length - 1)], (top, skip) -> 1);
    server.setDispatcher(twice);
    List<String> read = new ArrayList<>();

    assertThatThrownBy(
            () ->
                client.listCustomerSendDetails(query(1)).stream()
                    .forEach(d -> read.add(d.customerId())))
        .isInstanceOfSatisfying(
            TargetListingException.class, e -> assertThat(e.page()).isEqualTo(8));
    assertThat(read).containsExactly("c0", "c0", "c1", "c2", "c3", "c3", "c3");
  }
}

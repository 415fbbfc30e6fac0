package io.campaignrelay.textlocal;

import static io.campaignrelay.textlocal.TextLocalServer.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.PagedIterable;
import io.campaignrelay.textlocal.models.Contact;
import io.campaignrelay.textlocal.models.HistoryMessage;
import io.campaignrelay.textlocal.models.HistoryPage;
import io.campaignrelay.textlocal.models.HistoryQuery;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lazy auto-paging of contacts and history. */
class PagingTest {

  private TextLocalServer tl;
  private TextLocalClient client;

  @BeforeEach
  void start() throws Exception {
    tl = new TextLocalServer();
    client = tl.client();
  }

  @AfterEach
  void stop() throws Exception {
    tl.close();
  }

  private static String contacts(int start, long total, String... numbers) {
    StringBuilder sb =
        new StringBuilder(
            "{\"group_id\":9,\"start\":"
                + start
                + ",\"num_contacts\":"
                + total
                + ",\"contacts\":[");
    for (int i = 0; i < numbers.length; i++) {
      sb.append(i > 0 ? "," : "").append("{\"number\":").append(numbers[i]).append('}');
    }
    return sb.append("],\"status\":\"success\"}").toString();
  }

  @Test
  void contactsArePagedLazilyUntilTheTotal() throws Exception {
    tl.enqueue(contacts(0, 5, "447000000001", "447000000002"));
    tl.enqueue(contacts(2, 5, "447000000003", "447000000004"));
    tl.enqueue(contacts(4, 5, "447000000005"));
    PagedIterable<Contact> all = client.listContacts("9", 2);
    assertThat(tl.requestCount()).isZero();

    Iterator<Contact> it = all.iterator();
    assertThat(it.next().number()).isEqualTo("447000000001");
    assertThat(tl.requestCount()).isEqualTo(1);
    List<String> rest = new java.util.ArrayList<>();
    it.forEachRemaining(c -> rest.add(c.number()));
    assertThat(rest)
        .containsExactly("447000000002", "447000000003", "447000000004", "447000000005");
    assertThat(tl.requestCount()).isEqualTo(3);
    assertThat(form(tl.take())).containsEntry("start", "0").containsEntry("limit", "2");
    assertThat(form(tl.take())).containsEntry("start", "2");
    assertThat(form(tl.take())).containsEntry("start", "4");
  }

  @Test
  void pagingStopsAtAnEmptyPageWhenTotalIsMissing() {
    tl.enqueue(contacts(0, 0, "447000000001", "447000000002"));
    tl.enqueue(contacts(2, 0));
    assertThat(client.listContacts("9", 2).stream().count()).isEqualTo(2);
    assertThat(tl.requestCount()).isEqualTo(2);
  }

  @Test
  void pagingStopsAtAShortPageWhenTotalIsMissing() {
    tl.enqueue(contacts(0, 0, "447000000001"));
    assertThat(client.listContacts("9", 2).stream().count()).isEqualTo(1);
    assertThat(tl.requestCount()).isEqualTo(1);
  }

  @Test
  void historyPagesUseTheNextOffsetAsContinuationToken() throws Exception {
    tl.enqueue("{\"total\":2,\"messages\":[{\"id\":1}],\"status\":\"success\"}");
    tl.enqueue("{\"total\":2,\"messages\":[{\"id\":2}],\"status\":\"success\"}");
    PagedIterable<HistoryMessage> h = client.listApiHistory(HistoryQuery.all().withPageSize(1));
    List<PagedIterable.Page<HistoryMessage>> pages = new java.util.ArrayList<>();
    h.byPage().forEach(pages::add);
    assertThat(pages).hasSize(2);
    assertThat(pages.get(0).continuationToken()).isEqualTo("1");
    assertThat(pages.get(1).continuationToken()).isNull();
    assertThat(form(tl.take())).containsEntry("start", "0").containsEntry("limit", "1");
    assertThat(form(tl.take())).containsEntry("start", "1");
  }

  @Test
  void singlePagesCarryTheirWarnings() throws Exception {
    tl.enqueue(
        "{\"total\":2,\"messages\":[{\"id\":1}],\"warnings\":[{\"code\":99,\"message\":\"w\"}],"
            + "\"status\":\"success\"}");
    HistoryPage p = client.listApiHistoryPage(HistoryQuery.all().withPageSize(1), 5);
    assertThat(p.warnings()).extracting(w -> w.code()).containsExactly(99);
    assertThat(form(tl.take())).containsEntry("start", "5").containsEntry("limit", "1");
  }

  @Test
  void aPageSizeBelowOneIsAConfigurationError() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.listContacts("9", 0))
        .isInstanceOf(io.campaignrelay.core.ConfigurationException.class)
        .hasMessageContaining("pageSize");
    assertThat(tl.requestCount()).isZero();
  }
}

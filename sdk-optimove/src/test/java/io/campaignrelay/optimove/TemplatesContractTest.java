package io.campaignrelay.optimove;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.optimove.models.ChannelTemplate;
import io.campaignrelay.optimove.models.ChannelTemplateDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class TemplatesContractTest extends OptimoveTestSupport {

  @Test
  void addChannelTemplatesPutsChannelInQueryAndRowsInBody() throws Exception {
    enqueue(200, "");
    client.createTemplates(
        ChannelId.of(452),
        List.of(ChannelTemplate.of(12, "Welcome"), ChannelTemplate.of(13, "Bye")));

    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/current/integrations/AddChannelTemplates");
    assertThat(r.getUrl().queryParameter("ChannelID")).isEqualTo("452");
    assertThat(r.getHeaders().get("X-API-KEY")).isEqualTo(API_KEY);
    assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(r.getHeaders().get("Accept")).isEqualTo("application/json");
    assertThat(body(r))
        .isEqualTo(
            "[{\"TemplateID\":12,\"TemplateName\":\"Welcome\"},"
                + "{\"TemplateID\":13,\"TemplateName\":\"Bye\"}]");
  }

  @Test
  void addChannelTemplatesChunksAtOneHundredRows() throws Exception {
    for (int i = 0; i < 3; i++) {
      enqueue(200, "true");
    }
    List<ChannelTemplate> rows = new ArrayList<>();
    LongStream.range(0, 250).forEach(i -> rows.add(ChannelTemplate.of(i, "T" + i)));

    client.createTemplates(ChannelId.of(250), rows);

    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(body(take()))
        .startsWith("[{\"TemplateID\":0,")
        .contains("\"TemplateID\":99,")
        .doesNotContain("\"TemplateID\":100,");
    assertThat(body(take())).startsWith("[{\"TemplateID\":100,").contains("\"TemplateID\":199,");
    String last = body(take());
    assertThat(last)
        .startsWith("[{\"TemplateID\":200,")
        .endsWith("{\"TemplateID\":249,\"TemplateName\":\"T249\"}]");
  }

  @Test
  void addChannelTemplatesRejectsEveryBadRowBeforeSending() {
    assertThatThrownBy(
            () ->
                client.createTemplates(
                    null,
                    List.of(
                        ChannelTemplate.of(-1, "x"),
                        ChannelTemplate.of(5, " "),
                        ChannelTemplate.of(5, "dup"))))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(p -> p.field())
                    .containsExactly(
                        "channelId",
                        "templates[0].templateId",
                        "templates[1].templateName",
                        "templates[2].templateId"));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void getChannelTemplatesReadsRows() throws Exception {
    enqueueJson(
        "[{\"TemplateID\":1,\"TemplateName\":\"A\"},{\"TemplateId\":2,\"TemplateName\":\"B\"}]");

    List<ChannelTemplate> templates = client.listTemplates(ChannelId.of(452));

    assertThat(templates).containsExactly(ChannelTemplate.of(1, "A"), ChannelTemplate.of(2, "B"));
    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("GET");
    assertThat(r.getTarget()).isEqualTo("/current/integrations/GetChannelTemplates?ChannelID=452");
    assertThat(r.getHeaders().get("X-API-KEY")).isEqualTo(API_KEY);
  }

  @Test
  void getChannelTemplatesToleratesEmptyBody() {
    enqueue(200, "");
    assertThat(client.listTemplates(ChannelId.of(452))).isEmpty();
  }

  @Test
  void deleteChannelTemplatesSendsChannelPerRow() throws Exception {
    enqueueJson("{\"ResponseCode\":200}");

    client.deleteTemplates(ChannelId.of(452), List.of(TemplateId.of(7), TemplateId.of(8)));

    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getTarget()).isEqualTo("/current/integrations/DeleteChannelTemplates");
    assertThat(body(r))
        .isEqualTo("[{\"ChannelID\":452,\"TemplateID\":7},{\"ChannelID\":452,\"TemplateID\":8}]");
  }

  @Test
  void getChannelTemplateDetailsReadsContentAndAttributes() throws Exception {
    enqueueJson(
        "[{\"TemplateID\":9,\"TemplateName\":\"N\",\"TemplateContent\":\"Hi [%FIRST_NAME%]\","
            + "\"TemplateAttributes\":[\"FIRST_NAME\",\"PHONE\"]}]");

    List<ChannelTemplateDetails> details =
        client.getTemplateDetails(ChannelId.of(452), TemplateId.of(9));

    assertThat(details)
        .containsExactly(
            new ChannelTemplateDetails(
                9, "N", "Hi [%FIRST_NAME%]", List.of("FIRST_NAME", "PHONE")));
    assertThat(take().getTarget())
        .isEqualTo("/current/integrations/GetChannelTemplateDetails?ChannelID=452&TemplateID=9");
  }

  @Test
  void unversionedPathStyleUsesPascalCaseCategories() throws Exception {
    OptimoveClient c = clientBuilder().pathStyle(OptimovePathStyle.UNVERSIONED).buildClient();
    enqueueJson("[]");

    c.listTemplates(ChannelId.of(452));

    assertThat(take().getUrl().encodedPath()).isEqualTo("/Integrations/GetChannelTemplates");
  }

  @Test
  void customPathStylePrefix() throws Exception {
    OptimoveClient c = clientBuilder().pathStyle(OptimovePathStyle.of("v3.0", false)).buildClient();
    enqueueJson("[]");

    c.listTemplates(ChannelId.of(452));

    assertThat(take().getUrl().encodedPath()).isEqualTo("/v3.0/integrations/GetChannelTemplates");
  }
}

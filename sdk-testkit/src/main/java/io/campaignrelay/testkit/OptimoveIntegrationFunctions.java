package io.campaignrelay.testkit;

import static io.campaignrelay.testkit.OptimoveProblem.longField;
import static io.campaignrelay.testkit.OptimoveProblem.longParam;
import static io.campaignrelay.testkit.OptimoveProblem.rows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.campaignrelay.testkit.implementation.Form;
import io.campaignrelay.testkit.implementation.Json;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code general/*} listener functions and the {@code integrations/*} writes and reads of
 * {@link FakeOptimove}: templates, metrics, interactions. Called under the state lock.
 */
final class OptimoveIntegrationFunctions {
  private final OptimoveState state;

  OptimoveIntegrationFunctions(OptimoveState state) {
    this.state = state;
  }

  JsonNode registerListener(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new OptimoveProblem(400, "RegisterEventListener expects a JSON object");
    }
    int type = (int) longField(body, "EventTypeID", true, "");
    if (!FakeOptimove.EVENT_TYPES.contains(type)) {
      throw new OptimoveProblem(400, "EventTypeID " + type + " is not a supported event type");
    }
    JsonNode urlNode = Json.getIgnoreCase(body, "ListenerURL");
    String url =
        urlNode == null || urlNode.isNull() ? "" : Form.rawDecodeIfEncoded(urlNode.asText());
    try {
      URI u = URI.create(url);
      if (!u.isAbsolute()
          || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
          || u.getHost() == null) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw new OptimoveProblem(
          400, "ListenerURL must be an absolute http(s) URL, got '" + url + "'");
    }
    int channel = (int) Math.max(0, longField(body, "ChannelID", false, ""));
    if (channel != 0) {
      state.checkChannel(channel);
    }
    state.listeners.removeIf(l -> l.eventTypeId() == type && l.channelId() == channel);
    state.listeners.add(new RegisteredListener(type, url, channel));
    return null;
  }

  JsonNode unregisterListener(JsonNode body) {
    int type = (int) longField(body, "EventTypeID", true, "");
    int channel = (int) Math.max(0, longField(body, "ChannelID", false, ""));
    state.listeners.removeIf(l -> l.eventTypeId() == type && l.channelId() == channel);
    return null;
  }

  JsonNode getListeners() {
    ArrayNode arr = Json.array();
    for (RegisteredListener l : state.listeners) {
      ObjectNode o =
          arr.addObject().put("EventTypeID", l.eventTypeId()).put("ListenerURL", l.listenerUrl());
      if (l.channelId() != 0) {
        o.put("ChannelID", l.channelId());
      } else {
        o.putNull("ChannelID");
      }
    }
    return arr;
  }

  JsonNode addTemplates(Form q, JsonNode body) {
    long channel = longParam(q, "ChannelID", true);
    state.checkChannel(channel);
    JsonNode rows = rows(body, "AddChannelTemplates");
    Map<Long, String> add = new LinkedHashMap<>();
    int i = 0;
    for (JsonNode row : rows) {
      String where = "row " + i++ + ": ";
      JsonNode id = Json.getIgnoreCase(row, "TemplateID");
      if (id == null || !id.isIntegralNumber()) {
        throw new OptimoveProblem(400, where + "TemplateID must be an integer, got " + id);
      }
      JsonNode name = Json.getIgnoreCase(row, "TemplateName");
      if (name == null || !name.isTextual() || name.asText().isBlank()) {
        throw new OptimoveProblem(400, where + "TemplateName must be a non-empty string");
      }
      add.put(id.asLong(), name.asText());
    }
    state.templates.computeIfAbsent((int) channel, k -> new LinkedHashMap<>()).putAll(add);
    return null;
  }

  JsonNode getTemplates(Form q) {
    long channel = longParam(q, "ChannelID", true);
    state.checkChannel(channel);
    ArrayNode arr = Json.array();
    state
        .templates
        .getOrDefault((int) channel, new LinkedHashMap<>())
        .forEach((id, name) -> arr.addObject().put("TemplateID", id).put("TemplateName", name));
    return arr;
  }

  JsonNode deleteTemplates(JsonNode body) {
    JsonNode rows = rows(body, "DeleteChannelTemplates");
    int i = 0;
    List<long[]> del = new ArrayList<>();
    for (JsonNode row : rows) {
      String where = "row " + i++ + ": ";
      long ch = longField(row, "ChannelID", true, where);
      state.checkChannel(ch);
      del.add(new long[] {ch, longField(row, "TemplateID", true, where)});
    }
    for (long[] d : del) {
      LinkedHashMap<Long, String> m = state.templates.get((int) d[0]);
      if (m != null) {
        m.remove(d[1]);
      }
    }
    return null;
  }

  JsonNode updateMetrics(JsonNode body) {
    JsonNode rows = rows(body, "UpdateCampaignMetrics");
    List<CampaignMetric> add = new ArrayList<>();
    int i = 0;
    for (JsonNode row : rows) {
      String where = "row " + i++ + ": ";
      long ch = longField(row, "ChannelID", true, where);
      state.checkChannel(ch);
      add.add(
          new CampaignMetric(
              (int) ch,
              longField(row, "CampaignID", true, where),
              longField(row, "TemplateID", true, where),
              (int) longField(row, "MetricID", true, where),
              longField(row, "MetricValue", true, where)));
    }
    state.receivedMetrics.addAll(add);
    return null;
  }

  JsonNode updateInteractions(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new OptimoveProblem(400, "UpdateCampaignInteractions expects a JSON object");
    }
    long ch = longField(body, "ChannelID", true, "");
    state.checkChannel(ch);
    JsonNode dateNode = Json.getIgnoreCase(body, "InteractionDate");
    if (dateNode == null || dateNode.isNull()) {
      throw new OptimoveProblem(400, "InteractionDate is required (YYYY-MM-DD)");
    }
    LocalDate date;
    try {
      date = LocalDate.parse(dateNode.asText());
    } catch (DateTimeParseException e) {
      throw new OptimoveProblem(
          400, "InteractionDate must be YYYY-MM-DD, got '" + dateNode.asText() + "'");
    }
    JsonNode ids = Json.getIgnoreCase(body, "CustomerIDs");
    if (ids == null || !ids.isArray() || ids.isEmpty()) {
      throw new OptimoveProblem(400, "CustomerIDs must be a non-empty array");
    }
    if (ids.size() > FakeOptimove.MAX_INTERACTION_CUSTOMERS) {
      throw new OptimoveProblem(400, "CustomerIDs accepts at most 10000 ids, got " + ids.size());
    }
    List<String> list = new ArrayList<>(ids.size());
    ids.forEach(n -> list.add(n.asText()));
    long group = longField(body, "RecipientGroupID", false, "");
    state.receivedInteractions.add(
        new CampaignInteraction(
            longField(body, "CampaignID", true, ""),
            (int) ch,
            date,
            longField(body, "TemplateID", true, ""),
            (int) longField(body, "EventID", true, ""),
            group < 0 ? 1 : (int) group,
            list));
    return null;
  }

  /**
   * {@code ?ChannelID&TemplateID}: {@code [{TemplateID, TemplateName, TemplateContent,
   * TemplateAttributes}]}; the fake holds no content for vendor-synced templates, so content is
   * empty and attributes none; an unknown template gives an empty array (INFERRED).
   */
  JsonNode templateDetails(Form q) {
    long channel = longParam(q, "ChannelID", true);
    state.checkChannel(channel);
    long id = longParam(q, "TemplateID", true);
    ArrayNode arr = Json.array();
    String name = state.templates.getOrDefault((int) channel, new LinkedHashMap<>()).get(id);
    if (name != null) {
      ObjectNode o = arr.addObject().put("TemplateID", id).put("TemplateName", name);
      o.put("TemplateContent", "");
      o.putArray("TemplateAttributes");
    }
    return arr;
  }

  /** {@code ?ChannelID} and {@code [{AppID, AppName}]} (push channels); re-adding replaces. */
  JsonNode addApps(Form q, JsonNode body) {
    long channel = longParam(q, "ChannelID", true);
    state.checkChannel(channel);
    JsonNode rows = rows(body, "AddChannelApps");
    Map<String, String> add = new LinkedHashMap<>();
    int i = 0;
    for (JsonNode row : rows) {
      String where = "row " + i++ + ": ";
      JsonNode id = Json.getIgnoreCase(row, "AppID");
      JsonNode name = Json.getIgnoreCase(row, "AppName");
      if (id == null || id.isNull() || id.asText().isBlank()) {
        throw new OptimoveProblem(400, where + "AppID is required");
      }
      add.put(id.asText(), name == null || name.isNull() ? "" : name.asText());
    }
    state.apps.computeIfAbsent((int) channel, k -> new LinkedHashMap<>()).putAll(add);
    return null;
  }

  /** {@code [{ChannelID, AppID}]}. */
  JsonNode deleteApps(JsonNode body) {
    JsonNode rows = rows(body, "DeleteChannelApps");
    List<Object[]> del = new ArrayList<>();
    int i = 0;
    for (JsonNode row : rows) {
      String where = "row " + i++ + ": ";
      long ch = longField(row, "ChannelID", true, where);
      state.checkChannel(ch);
      JsonNode id = Json.getIgnoreCase(row, "AppID");
      if (id == null || id.isNull()) {
        throw new OptimoveProblem(400, where + "AppID is required");
      }
      del.add(new Object[] {(int) ch, id.asText()});
    }
    for (Object[] d : del) {
      LinkedHashMap<String, String> m = state.apps.get((Integer) d[0]);
      if (m != null) {
        m.remove((String) d[1]);
      }
    }
    return null;
  }

  /** {@code [{PromoCode, PromotionName}]} (at most 100; an existing code is replaced). */
  JsonNode addPromotions(JsonNode body) {
    JsonNode rows = rows(body, "AddPromotions");
    Map<String, String> add = new LinkedHashMap<>();
    int i = 0;
    for (JsonNode row : rows) {
      String where = "row " + i++ + ": ";
      JsonNode code = Json.getIgnoreCase(row, "PromoCode");
      JsonNode name = Json.getIgnoreCase(row, "PromotionName");
      if (code == null || !code.isTextual() || code.asText().isBlank()) {
        throw new OptimoveProblem(400, where + "PromoCode must be a non-empty string");
      }
      if (name == null || !name.isTextual() || name.asText().isBlank()) {
        throw new OptimoveProblem(400, where + "PromotionName must be a non-empty string");
      }
      add.put(code.asText(), name.asText());
    }
    state.promotions.putAll(add);
    return null;
  }

  JsonNode getPromotions() {
    ArrayNode arr = Json.array();
    state.promotions.forEach(
        (code, name) -> arr.addObject().put("PromoCode", code).put("PromotionName", name));
    return arr;
  }

  /** {@code [{PromoCode}]}. */
  JsonNode deletePromotions(JsonNode body) {
    JsonNode rows = rows(body, "DeletePromotions");
    List<String> codes = new ArrayList<>();
    int i = 0;
    for (JsonNode row : rows) {
      JsonNode code = Json.getIgnoreCase(row, "PromoCode");
      if (code == null || code.isNull() || code.asText().isBlank()) {
        throw new OptimoveProblem(400, "row " + i + ": PromoCode is required");
      }
      i++;
      codes.add(code.asText());
    }
    codes.forEach(state.promotions::remove);
    return null;
  }
}

package io.campaignrelay.testkit;

import static io.campaignrelay.testkit.OptimoveProblem.longParam;
import static io.campaignrelay.testkit.OptimoveProblem.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.campaignrelay.testkit.implementation.Form;
import io.campaignrelay.testkit.implementation.Json;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import mockwebserver3.MockResponse;

/**
 * The {@code customers/*}, {@code actions/*} and {@code model/*} reads of {@link FakeOptimove}:
 * campaign target pages with their attributes, campaign details, the attribute list and {@code
 * Customers/{id}/Attributes}. Pages are built outside the state lock, O(page size).
 */
final class OptimoveCustomerFunctions {
  private static final java.time.format.DateTimeFormatter SCHEDULED = OptimoveState.SCHEDULED;
  private static final List<String> ATTRIBUTES = OptimoveState.ATTRIBUTES;
  private final OptimoveState state;

  OptimoveCustomerFunctions(OptimoveState state) {
    this.state = state;
  }

  List<String> requestedAttributes(Form q) {
    Optional<String> raw = q.firstIgnoreCase("CustomerAttributes").filter(s -> !s.isBlank());
    if (raw.isEmpty()) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (String n : raw.get().split(";")) {
      String name = n.trim();
      if (name.isEmpty()) {
        continue;
      }
      String canonical =
          ATTRIBUTES.stream().filter(k -> k.equalsIgnoreCase(name)).findFirst().orElse(null);
      if (canonical == null) {
        throw new OptimoveProblem(400, "CustomerAttributes: unknown attribute '" + name + "'");
      }
      if (!state.keyMayRead(canonical)) {
        throw new OptimoveProblem(403, "The API key has no access to attribute " + canonical);
      }
      names.add(canonical);
    }
    return names;
  }

  String delimiter(Form q) {
    String d = q.firstIgnoreCase("CustomerAttributesDelimiter").orElse(",");
    if (!d.equals(",") && !d.equals(";")) {
      throw new OptimoveProblem(
          400, "CustomerAttributesDelimiter must be ',' or ';', got '" + d + "'");
    }
    return d;
  }

  void putAttributes(ObjectNode row, FakeCustomer c, List<String> names, String delim) {
    if (names == null) {
      return;
    }
    Map<String, String> attrs = c.attributes();
    if (state.delimitedAttributes) {
      List<String> vals = new ArrayList<>();
      names.forEach(n -> vals.add(attrs.get(n)));
      row.put(state.attributesKey, String.join(delim, vals));
    } else {
      ArrayNode arr = row.putArray(state.attributesKey);
      names.forEach(n -> arr.add(attrs.get(n)));
    }
  }

  interface RowWriter {
    void write(ObjectNode row, long j, FakeCustomer c);
  }

  ArrayNode page(Form q, ScheduledCampaign c, RowWriter writer) {
    long top = longParam(q, "$top", false);
    long skip = Math.max(0, longParam(q, "$skip", false));
    long size = top < 0 || top > FakeOptimove.MAX_PAGE_SIZE ? FakeOptimove.MAX_PAGE_SIZE : top;
    ArrayNode arr = Json.array();
    List<FakeCustomer> targets = c.targets();
    for (long j = skip; j < Math.min(c.targetCount(), skip + size); j++) {
      writer.write(arr.addObject(), j, targets.get((int) j));
    }
    return arr;
  }

  JsonNode sendDetailsByChannel(Form q) {
    return channelPage(
        q,
        c -> {
          String at = SCHEDULED.format(c.scheduledTime());
          return (row, j, cust) ->
              row.put("CustomerID", cust.customerId())
                  .put("TemplateID", c.templateIdOf(j))
                  .put("ScheduledTime", at);
        });
  }

  JsonNode sendDetailsByCampaign(Form q) {
    ScheduledCampaign c = state.campaign(q).view();
    state.checkChannel(c.channelId());
    boolean withTemplates =
        q.firstIgnoreCase("IncludeTemplateIDs").map(v -> v.equalsIgnoreCase("true")).orElse(false);
    String at = SCHEDULED.format(c.scheduledTime());
    return page(
        q,
        c,
        (row, j, cust) -> {
          row.put("CustomerID", cust.customerId())
              .put("ChannelID", c.channelId())
              .put("ScheduledTime", at)
              .put("SendID", c.campaignId() * 10 + 1);
          if (withTemplates) {
            row.put("TemplateID", c.templateIdOf(j));
          }
        });
  }

  JsonNode executionDetails(Form q) {
    return channelPage(
        q,
        c -> {
          String at = SCHEDULED.format(c.scheduledTime());
          String promo = String.join(",", c.promoCodes());
          return (row, j, cust) ->
              row.put("CustomerID", cust.customerId())
                  .put("ActionID", c.actionId())
                  .put("TemplateID", c.templateIdOf(j))
                  .put("PromoCode", promo)
                  .put("ScheduleTime", at);
        });
  }

  /**
   * A page of the targets of {@code CampaignID} on {@code ChannelID} (empty when the campaign ran
   * on another channel), each row written by the function's columns and then the requested {@code
   * CustomerAttributes}.
   */
  JsonNode channelPage(Form q, Function<ScheduledCampaign, RowWriter> columns) {
    long channel = longParam(q, "ChannelID", true);
    state.checkChannel(channel);
    ScheduledCampaign c = state.campaign(q).view();
    List<String> names = requestedAttributes(q);
    String delim = delimiter(q);
    if (c.channelId() != channel) {
      return Json.array();
    }
    RowWriter writer = columns.apply(c);
    return page(
        q,
        c,
        (row, j, cust) -> {
          writer.write(row, j, cust);
          putAttributes(row, cust, names, delim);
        });
  }

  JsonNode campaignDetails(Form q) {
    ScheduledCampaign c = state.campaign(q).view();
    ObjectNode o = Json.object();
    o.put("CampaignID", c.campaignId()).put("TargetGroupID", 1).put("CampaignType", "Scheduled");
    o.put("Duration", 7)
        .put("LeadTime", 0)
        .put("Notes", "")
        .put("IsMultiChannel", false)
        .put("IsRecurrence", false);
    o.put("Status", "Scheduled").putNull("Error");
    o.putArray("Tags");
    o.putArray("Channels")
        .addObject()
        .put("Id", c.channelId())
        .put("Name", "Channel " + c.channelId());
    return o;
  }

  JsonNode executedByChannel(Form q) {
    long channel = longParam(q, "ChannelID", true);
    state.checkChannel(channel);
    String raw =
        q.firstIgnoreCase("Date")
            .orElseThrow(() -> new OptimoveProblem(400, "Date is required (YYYY-MM-DD)"));
    LocalDate date;
    try {
      date = LocalDate.parse(raw);
    } catch (DateTimeParseException e) {
      throw new OptimoveProblem(400, "Date must be YYYY-MM-DD, got '" + raw + "'");
    }
    ArrayNode arr = Json.array();
    for (OptimoveState.Campaign c : state.campaigns.values()) {
      if (c.view().channelId() == channel && c.view().scheduledTime().toLocalDate().equals(date)) {
        arr.addObject().put("CampaignID", c.view().campaignId());
      }
    }
    return arr;
  }

  JsonNode executedChannelDetails(Form q) {
    long channel = longParam(q, "ChannelID", true);
    state.checkChannel(channel);
    ScheduledCampaign c = state.campaign(q).view();
    ArrayNode arr = Json.array();
    if (c.channelId() == channel) {
      for (long t : c.templateIds()) {
        arr.addObject()
            .put("SendID", c.campaignId() * 10 + 1)
            .put("TemplateID", t)
            .put("ScheduledTime", SCHEDULED.format(c.scheduledTime()));
      }
    }
    return arr;
  }

  JsonNode attributeList() {
    ArrayNode arr = Json.array();
    for (String name : ATTRIBUTES) {
      if (state.keyMayRead(name)) {
        arr.addObject()
            .put("RealFieldName", name)
            .put("Description", name.replace('_', ' ').toLowerCase(Locale.ROOT));
      }
    }
    return arr;
  }

  MockResponse customerAttributes(String customerId) {
    FakeCustomer c;
    synchronized (state.lock) {
      c = state.findCustomer(customerId);
    }
    if (c == null) {
      return text(404, "Customer " + customerId + " was not found");
    }
    ArrayNode arr = Json.array();
    state
        .readable(c)
        .forEach(
            (k, v) ->
                arr.addObject()
                    .put("RealFieldName", k)
                    .put("Alias", k)
                    .put("FieldType", "String")
                    .put("Value", v));
    return VendorDispatcher.json(200, arr);
  }
}

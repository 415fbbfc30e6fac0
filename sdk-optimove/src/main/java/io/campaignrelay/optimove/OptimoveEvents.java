package io.campaignrelay.optimove;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignrelay.core.Secret;
import io.campaignrelay.optimove.implementation.Responses;
import io.campaignrelay.optimove.models.CampaignEvent;
import io.campaignrelay.optimove.models.CustomerFilesReadyEvent;
import io.campaignrelay.optimove.models.DailyProcessEvent;
import io.campaignrelay.optimove.models.EventType;
import io.campaignrelay.optimove.models.OptimoveEvent;
import io.campaignrelay.optimove.models.PromoClearanceEvent;
import io.campaignrelay.optimove.models.TriggeredEvent;
import io.campaignrelay.optimove.models.UnknownEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what Optimove POSTs to a registered listener URL into a typed {@link OptimoveEvent}:
 *
 * <ul>
 *   <li>1, 4, 13: {@link CampaignEvent} ({@code EventTypeID, TimeStamp, CampaignID, ChannelID?});
 *   <li>2, 3: {@link DailyProcessEvent};
 *   <li>5: {@link PromoClearanceEvent};
 *   <li>11: {@link TriggeredEvent} (camelCase payload with a dotted {@code campaignID},
 *       epoch-second {@code timestamp} and {@code personalization.personalInfo}); a payload without
 *       {@code EventTypeID} that has {@code campaignID} and {@code customerID} or {@code
 *       personalization} is read as event 11, since the published triggered sample carries no type;
 *   <li>14: {@link CustomerFilesReadyEvent};
 *   <li>anything else: {@link UnknownEvent} with the raw JSON.
 * </ul>
 *
 * <p>Key names are matched ignoring case, so {@code CampaignID} and {@code campaignId} both work.
 * Whether Optimove signs listener calls is UNKNOWN; nothing is verified here. Stateless and
 * thread-safe.
 */
public final class OptimoveEvents {
  private OptimoveEvents() {}

  /**
   * Reads a listener payload.
   *
   * @param body the request body bytes (UTF-8 JSON)
   * @return the typed event
   * @throws OptimoveEventParseException if the body is not a JSON object or a required id is
   *     missing
   */
  public static OptimoveEvent parse(byte[] body) {
    return parse(new String(body, StandardCharsets.UTF_8));
  }

  /**
   * Reads a listener payload.
   *
   * @param json the request body
   * @return the typed event
   * @throws OptimoveEventParseException if the body is not a JSON object or a required id is
   *     missing
   */
  public static OptimoveEvent parse(String json) {
    JsonNode root = tree(json);
    JsonNode typeNode = Responses.field(root, "EventTypeID");
    EventType type;
    if (typeNode != null && !typeNode.isNull()) {
      type = EventType.of(intOf(typeNode, "EventTypeID"));
    } else if (Responses.field(root, "campaignID") != null
        && (Responses.field(root, "customerID") != null
            || Responses.field(root, "personalization") != null)) {
      type = EventType.TRIGGERED;
    } else {
      throw new OptimoveEventParseException(
          "the listener payload has no EventTypeID: Optimove notifications carry one (except the"
              + " triggered payload, which has campaignID and customerID)",
          null);
    }
    String ts = text(root, "TimeStamp");
    switch (type.id()) {
      case 1, 4, 13:
        return new CampaignEvent(
            type, ts, requiredLong(root, "CampaignID", type), integer(root, "ChannelID"));
      case 2, 3:
        return new DailyProcessEvent(type, ts);
      case 5:
        return new PromoClearanceEvent(
            ts, optionalLong(root, "CampaignID"), text(root, "ClearanceRequiredBy"));
      case 11:
        return triggered(root);
      case 14:
        return new CustomerFilesReadyEvent(
            ts,
            optionalLong(root, "CampaignID"),
            integer(root, "ChannelID"),
            text(root, "EngagementID"),
            text(root, "TenantID"),
            text(root, "BucketName"),
            text(root, "CustomersFolderPath"),
            text(root, "MetadataFilePath"),
            secret(root, "DecryptionKey"),
            secret(root, "ServiceAccount"));
      default:
        return new UnknownEvent(type, json);
    }
  }

  /**
   * Reads the event-11 (triggered) payload, for a listener URL registered only for event 11.
   *
   * @param json the request body
   * @return the event
   * @throws OptimoveEventParseException if the body is not a JSON object
   */
  public static TriggeredEvent parseTriggered(String json) {
    return triggered(tree(json));
  }

  private static TriggeredEvent triggered(JsonNode root) {
    JsonNode personalization = Responses.field(root, "personalization");
    Map<String, String> personalInfo = null;
    Map<String, Map<String, String>> triggerEvents = new LinkedHashMap<>();
    if (personalization != null && personalization.isObject()) {
      for (Map.Entry<String, JsonNode> e : personalization.properties()) {
        if (e.getKey().equalsIgnoreCase("personalInfo")) {
          if (e.getValue() != null && e.getValue().isObject()) {
            personalInfo = flat(e.getValue());
          }
        } else if (e.getValue() != null && e.getValue().isObject()) {
          triggerEvents.put(e.getKey(), flat(e.getValue()));
        }
      }
    }
    JsonNode visitor = Responses.field(root, "isVisitor");
    JsonNode additional = Responses.field(root, "channelAdditionalData");
    return new TriggeredEvent(
        text(root, "requestId"),
        text(root, "customerID"),
        visitor != null && (visitor.asBoolean() || "true".equalsIgnoreCase(visitor.asText())),
        longOrNull(root, "actionID"),
        strings(Responses.field(root, "promotions")),
        strings(Responses.field(root, "promoCode")),
        integer(root, "channelID"),
        additional == null || additional.isNull() ? null : additional.toString(),
        text(root, "campaignID"),
        text(root, "templateName"),
        text(root, "campaignSeriesID"),
        longOrNull(root, "templateID"),
        text(root, "timestamp"),
        personalInfo,
        triggerEvents);
  }

  private static JsonNode tree(String json) {
    if (json == null || json.isBlank()) {
      throw new OptimoveEventParseException("the listener payload is empty", null);
    }
    JsonNode root;
    try {
      root = Responses.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new OptimoveEventParseException(
          "the listener payload is not JSON (" + e.getClass().getSimpleName() + ")", e);
    }
    if (root == null || !root.isObject()) {
      throw new OptimoveEventParseException(
          "the listener payload is not a JSON object: Optimove sends one object per call", null);
    }
    return root;
  }

  private static Map<String, String> flat(JsonNode object) {
    Map<String, String> m = new LinkedHashMap<>();
    object
        .properties()
        .forEach(
            e ->
                m.put(
                    e.getKey(),
                    e.getValue() == null || e.getValue().isNull()
                        ? null
                        : e.getValue().isValueNode()
                            ? e.getValue().asText()
                            : e.getValue().toString()));
    return m;
  }

  private static List<String> strings(JsonNode node) {
    return Responses.commaList(node);
  }

  private static String text(JsonNode root, String name) {
    JsonNode n = Responses.field(root, name);
    if (n == null || n.isNull()) {
      return null;
    }
    return n.isValueNode() ? n.asText() : n.toString();
  }

  private static Secret secret(JsonNode root, String name) {
    String t = text(root, name);
    return t == null || t.isBlank() ? null : Secret.of(t);
  }

  private static Integer integer(JsonNode root, String name) {
    JsonNode n = Responses.field(root, name);
    if (n == null || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
      return null;
    }
    return intOf(n, name);
  }

  private static int intOf(JsonNode n, String name) {
    if (n.canConvertToInt() && n.isIntegralNumber()) {
      return n.asInt();
    }
    if (n.isTextual() && n.asText().strip().matches("-?[0-9]{1,9}")) {
      return Integer.parseInt(n.asText().strip());
    }
    throw new OptimoveEventParseException(
        name + " is not an integer (" + n.getNodeType() + "): Optimove sends a number", null);
  }

  private static Long longOrNull(JsonNode root, String name) {
    JsonNode n = Responses.field(root, name);
    if (n == null || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
      return null;
    }
    if (n.isIntegralNumber() && n.canConvertToLong()) {
      return n.asLong();
    }
    if (n.isTextual() && n.asText().strip().matches("-?[0-9]{1,18}")) {
      return Long.parseLong(n.asText().strip());
    }
    throw new OptimoveEventParseException(
        name + " is not an integer (" + n.getNodeType() + "): Optimove sends a number", null);
  }

  private static long optionalLong(JsonNode root, String name) {
    Long v = longOrNull(root, name);
    return v == null ? 0 : v;
  }

  private static long requiredLong(JsonNode root, String name, EventType type) {
    Long v = longOrNull(root, name);
    if (v == null) {
      throw new OptimoveEventParseException(
          "event " + type.id() + " has no " + name + ": Optimove sends the campaign's id", null);
    }
    return v;
  }
}

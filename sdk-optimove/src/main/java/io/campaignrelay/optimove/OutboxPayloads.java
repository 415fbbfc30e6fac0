package io.campaignrelay.optimove;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.campaignrelay.core.CampaignRelayException;
import io.campaignrelay.core.outbox.OutboxEntry;
import io.campaignrelay.optimove.implementation.Responses;
import io.campaignrelay.optimove.models.CampaignMetric;
import io.campaignrelay.optimove.models.EngagementEvent;
import io.campaignrelay.optimove.models.MetricId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outbox payloads of {@link OptimoveMetricsSink}: one engagement event or one
 * UpdateCampaignMetrics row as compact JSON, read back exactly.
 */
final class OutboxPayloads {

  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private OutboxPayloads() {}

  static String engagement(EngagementEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("event", e.event());
    m.put("timestamp", e.timestamp().toString());
    m.put("customer", e.customer());
    m.put("visitor", e.visitor());
    m.put("context", e.context());
    return write(m);
  }

  @SuppressWarnings("unchecked")
  static EngagementEvent readEngagement(OutboxEntry entry) {
    Map<String, Object> m = read(entry);
    try {
      return new EngagementEvent(
          (String) m.get("event"),
          Instant.parse((String) m.get("timestamp")),
          (String) m.get("customer"),
          (String) m.get("visitor"),
          (Map<String, Object>) m.get("context"));
    } catch (RuntimeException e) {
      throw unreadable(entry, e);
    }
  }

  static String metric(CampaignMetric row) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ChannelID", row.channelId());
    m.put("CampaignID", row.campaignId());
    m.put("TemplateID", row.templateId());
    m.put("MetricID", row.metricId().id());
    m.put("MetricValue", row.metricValue());
    return write(m);
  }

  static CampaignMetric readMetric(OutboxEntry entry) {
    Map<String, Object> m = read(entry);
    try {
      return new CampaignMetric(
          ((Number) m.get("ChannelID")).intValue(),
          ((Number) m.get("CampaignID")).longValue(),
          ((Number) m.get("TemplateID")).longValue(),
          MetricId.of(((Number) m.get("MetricID")).intValue()),
          ((Number) m.get("MetricValue")).longValue());
    } catch (RuntimeException e) {
      throw unreadable(entry, e);
    }
  }

  private static String write(Map<String, Object> m) {
    try {
      return Responses.MAPPER.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new CampaignRelayException(
          "cannot write a metric to the outbox: " + e.getOriginalMessage(), e);
    }
  }

  private static Map<String, Object> read(OutboxEntry entry) {
    try {
      return Responses.MAPPER.readValue(entry.payload(), MAP);
    } catch (JsonProcessingException e) {
      throw unreadable(entry, e);
    }
  }

  private static CampaignRelayException unreadable(OutboxEntry entry, Exception e) {
    return new CampaignRelayException(
        "outbox entry "
            + entry.id()
            + " of "
            + entry.topic()
            + " is not a metric this version can read ("
            + e.getClass().getSimpleName()
            + "); acknowledge it in the outbox to skip it",
        e);
  }
}

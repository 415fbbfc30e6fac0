package io.campaignrelay.delivyr.implementation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.campaignrelay.delivyr.models.CustomerAttribute;
import java.util.List;
import java.util.Map;

/** Request and response bodies that are not public models. */
public final class Wire {
  private Wire() {}

  /**
   * The campaign part of a message body.
   *
   * @param optimoveCampaignId the CampaignID
   * @param channelId the channel
   * @param optimoveTemplateId the TemplateID
   */
  public record Campaign(String optimoveCampaignId, int channelId, long optimoveTemplateId) {}

  /**
   * A message body.
   *
   * @param to E.164 recipient
   * @param customerId the customer id or null
   * @param templateId the template or null
   * @param body the literal body or null
   * @param variables the variables
   * @param campaign the campaign or null
   * @param testMode testing mode
   * @param clientReference batch reference or null
   * @param idempotencyKey the message's own idempotency key, on which Delivyr dedupes the message
   *     for 24 h whatever request carries it
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Message(
      String to,
      String customerId,
      String templateId,
      String body,
      Map<String, String> variables,
      Campaign campaign,
      boolean testMode,
      String clientReference,
      String idempotencyKey) {}

  /**
   * A batch body: the shape {@link BatchBody} streams (its tests compare both serializations).
   *
   * @param messages up to 1,000 messages
   */
  public record Batch(List<Message> messages) {}

  /**
   * An opt-out body.
   *
   * @param phone E.164 number
   * @param keyword the keyword or null
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record OptOutBody(String phone, String keyword) {}

  /**
   * The PUT body of the integration; the only place the key and token are revealed.
   *
   * @param testingMode testing mode
   * @param apiEndpoint the Optimove endpoint
   * @param apiKey the Optimove key (write-only)
   * @param customerAttributes the attributes, phone first
   * @param triggeredOverrides the overrides
   * @param tenantId the tenant id or null
   * @param tenantToken the tenant token or null (write-only)
   * @param defaultUrl the default URL or null
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Integration(
      boolean testingMode,
      String apiEndpoint,
      String apiKey,
      List<String> customerAttributes,
      Map<String, String> triggeredOverrides,
      String tenantId,
      String tenantToken,
      String defaultUrl) {
    /** Never prints the API key or the tenant token. */
    @Override
    public String toString() {
      return "Integration{testingMode="
          + testingMode
          + ", apiEndpoint="
          + apiEndpoint
          + ", apiKey="
          + (apiKey == null ? null : io.campaignrelay.core.Secret.REDACTED)
          + ", customerAttributes="
          + customerAttributes
          + ", tenantId="
          + tenantId
          + ", tenantToken="
          + (tenantToken == null ? null : io.campaignrelay.core.Secret.REDACTED)
          + ", defaultUrl="
          + defaultUrl
          + '}';
    }
  }

  /**
   * The find-attributes body.
   *
   * @param sampleCustomerId a customer id in Optimove
   */
  public record FindAttributes(String sampleCustomerId) {}

  /**
   * The find-attributes response.
   *
   * @param attributes the attributes the key can read
   */
  public record Attributes(List<CustomerAttribute> attributes) {
    /** Copies the list; missing becomes empty. */
    public Attributes {
      attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }
  }

  /**
   * One page of a Delivyr list: {@code {"data": [...], "nextCursor": "..." | null}}. The client
   * hands it on as core's {@code PagedIterable.Page} with the cursor as continuation token.
   *
   * @param data the items of this page; a missing list becomes empty
   * @param nextCursor the cursor of the next page; null (or empty) on the last page
   * @param <T> the item type
   */
  public record Page<T>(List<T> data, String nextCursor) {
    /** Copies the items; a missing list becomes empty, an empty cursor null. */
    public Page {
      data = data == null ? List.of() : List.copyOf(data);
      nextCursor = nextCursor == null || nextCursor.isEmpty() ? null : nextCursor;
    }
  }
}

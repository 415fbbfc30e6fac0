package io.campaignrelay.delivyr.implementation;

import io.campaignrelay.delivyr.models.CampaignReference;
import io.campaignrelay.delivyr.models.SendMessageRequest;

/**
 * Reads a {@link SendMessageRequest}'s optional fields as plain values (null when absent), for the
 * batch hot path: its public accessors return a new {@link java.util.Optional} per call, and a
 * batch of a thousand messages reads several fields of each. {@link SendMessageRequest} installs
 * the reader when its class is initialized, which has happened before any request exists.
 */
public final class RequestFields {

  /** The reader of a request's fields; implemented by {@link SendMessageRequest} only. */
  public interface Reader {
    /**
     * The customer id.
     *
     * @param r the request
     * @return the id, or null
     */
    String customerId(SendMessageRequest r);

    /**
     * The template id.
     *
     * @param r the request
     * @return the id, or null
     */
    String templateId(SendMessageRequest r);

    /**
     * The literal body.
     *
     * @param r the request
     * @return the body, or null
     */
    String body(SendMessageRequest r);

    /**
     * The campaign reference.
     *
     * @param r the request
     * @return the reference, or null
     */
    CampaignReference campaign(SendMessageRequest r);

    /**
     * The caller's idempotency key.
     *
     * @param r the request
     * @return the key, or null
     */
    String idempotencyKey(SendMessageRequest r);

    /**
     * The caller's client reference.
     *
     * @param r the request
     * @return the reference, or null
     */
    String clientReference(SendMessageRequest r);
  }

  private static Reader reader;

  private RequestFields() {}

  /**
   * Installs the reader; called once, by {@link SendMessageRequest}'s static initializer.
   *
   * @param r the reader
   * @throws IllegalStateException if a reader is installed already
   */
  public static synchronized void install(Reader r) {
    if (reader != null) {
      throw new IllegalStateException("the request field reader is installed already");
    }
    reader = r;
  }

  /**
   * The reader. Any request given to it was built, so {@link SendMessageRequest}'s class was
   * initialized (and the reader installed) before; the first call still forces the initialization.
   *
   * @return the reader
   */
  public static Reader reader() {
    Reader r = installed();
    if (r == null) {
      try {
        Class.forName(
            SendMessageRequest.class.getName(), true, RequestFields.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      r = installed();
    }
    return r;
  }

  private static synchronized Reader installed() {
    return reader;
  }
}

package io.campaignrelay.delivyr.models;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.delivyr.implementation.RequestFields;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One SMS to send with {@code POST messages} (or as one element of {@code POST messages/batch}).
 * Immutable; build with {@link #builder()}.
 *
 * <p>Testing mode is off unless {@link Builder#testMode(boolean) testMode(true)} is called (then
 * the message only goes to the Message Log with status {@code logged} and never reaches a phone),
 * like TextLocal's {@code test} flag: a vendor's test mode is an explicit per-request option, and
 * the SDK's one safety switch is the engine's {@code ExecutionMode} (TEST by default), which the
 * channels turn into this flag (see docs/CONVENTIONS.md). Changed in this version: it was on by
 * default.
 *
 * <p>Idempotency: unless {@link Builder#idempotencyKey(String)} is given, the client derives the
 * message's key from the campaign reference and the customer id when both are present (so running
 * the same campaign twice for the same customer within Delivyr's 24 h window sends one message,
 * whatever batch it is in), or generates a random one. The key is sent as the message's own {@code
 * idempotencyKey} (and, for a single message, as the {@code Idempotency-Key} header); it is fixed
 * before the first attempt and re-sent unchanged on every retry.
 */
public final class SendMessageRequest {
  /** Maximum length of an idempotency key or client reference. */
  public static final int MAX_KEY_LENGTH = 255;

  static {
    // the batch hot path reads the optional fields without an Optional per call
    RequestFields.install(new Fields());
  }

  private static final class Fields implements RequestFields.Reader {
    @Override
    public String customerId(SendMessageRequest r) {
      return r.customerId;
    }

    @Override
    public String templateId(SendMessageRequest r) {
      return r.templateId;
    }

    @Override
    public String body(SendMessageRequest r) {
      return r.body;
    }

    @Override
    public CampaignReference campaign(SendMessageRequest r) {
      return r.campaign;
    }

    @Override
    public String idempotencyKey(SendMessageRequest r) {
      return r.idempotencyKey;
    }

    @Override
    public String clientReference(SendMessageRequest r) {
      return r.clientReference;
    }
  }

  /** {@code \+[1-9][0-9]{6,14}}, checked without a regex matcher (one per message). */
  static boolean isE164(String v) {
    int n = v.length();
    if (n < 8 || n > 16 || v.charAt(0) != '+' || v.charAt(1) < '1' || v.charAt(1) > '9') {
      return false;
    }
    for (int i = 2; i < n; i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** {@code [0-9A-Z]{8}}. */
  static boolean isTemplateId(String v) {
    if (v.length() != 8) {
      return false;
    }
    for (int i = 0; i < 8; i++) {
      char c = v.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) {
        return false;
      }
    }
    return true;
  }

  /** {@code [\x21-\x7e]{1,255}}. */
  static boolean isKey(String v) {
    int n = v.length();
    if (n < 1 || n > MAX_KEY_LENGTH) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = v.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  private final String to;
  private final String customerId;
  private final String templateId;
  private final String body;
  private final Map<String, String> variables;
  private final CampaignReference campaign;
  private final boolean testMode;
  private final String idempotencyKey;
  private final String clientReference;

  private SendMessageRequest(Builder b) {
    this.to = b.to;
    this.customerId = b.customerId;
    this.templateId = b.templateId;
    this.body = b.body;
    this.variables =
        b.variables == null || b.variables.isEmpty()
            ? Collections.emptyMap()
            : Collections.unmodifiableMap(new LinkedHashMap<>(b.variables));
    this.campaign = b.campaign;
    this.testMode = b.testMode;
    this.idempotencyKey = b.idempotencyKey;
    this.clientReference = b.clientReference;
  }

  /**
   * A builder with testing mode on.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this request.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.to = to;
    b.customerId = customerId;
    b.templateId = templateId;
    b.body = body;
    if (!variables.isEmpty()) {
      b.vars().putAll(variables);
    }
    b.campaign = campaign;
    b.testMode = testMode;
    b.idempotencyKey = idempotencyKey;
    b.clientReference = clientReference;
    return b;
  }

  /**
   * The recipient.
   *
   * @return the phone number in E.164 form, e.g. {@code +447700900123}
   */
  public String to() {
    return to;
  }

  /**
   * The Optimove customer id.
   *
   * @return the id, or empty
   */
  public Optional<String> customerId() {
    return Optional.ofNullable(customerId);
  }

  /**
   * The Delivyr template to render.
   *
   * @return the template id, or empty when a literal body is sent
   */
  public Optional<String> templateId() {
    return Optional.ofNullable(templateId);
  }

  /**
   * The literal message text.
   *
   * @return the body, or empty when a template is rendered
   */
  public Optional<String> body() {
    return Optional.ofNullable(body);
  }

  /**
   * The template variables.
   *
   * @return an unmodifiable map in insertion order
   */
  public Map<String, String> variables() {
    return variables;
  }

  /**
   * The Optimove campaign the message belongs to.
   *
   * @return the reference, or empty
   */
  public Optional<CampaignReference> campaign() {
    return Optional.ofNullable(campaign);
  }

  /**
   * Whether the message only goes to the Message Log.
   *
   * @return true in testing mode (the default)
   */
  public boolean testMode() {
    return testMode;
  }

  /**
   * The caller's idempotency key.
   *
   * @return the key, or empty to let the client derive or generate one
   */
  public Optional<String> idempotencyKey() {
    return Optional.ofNullable(idempotencyKey);
  }

  /**
   * The caller's reference for matching batch results.
   *
   * @return the reference, or empty to let the client use the message's idempotency key
   */
  public Optional<String> clientReference() {
    return Optional.ofNullable(clientReference);
  }

  /** Describes the request without the variable values or the body (they may be personal). */
  @Override
  public String toString() {
    return "SendMessageRequest{to="
        + to
        + ", customerId="
        + customerId
        + ", templateId="
        + templateId
        + ", variables="
        + variables.keySet()
        + ", campaign="
        + campaign
        + ", testMode="
        + testMode
        + '}';
  }

  /** Builds {@link SendMessageRequest}. Not thread-safe. */
  public static final class Builder {
    private String to;
    private String customerId;
    private String templateId;
    private String body;
    private Map<String, String> variables; // made on first use: most messages have none

    private Map<String, String> vars() {
      if (variables == null) {
        variables = new LinkedHashMap<>();
      }
      return variables;
    }

    private CampaignReference campaign;
    // true when `to` came from a PhoneNumber, which is E.164 by construction
    private boolean toFromPhoneNumber;
    private boolean testMode;
    private String idempotencyKey;
    private String clientReference;

    private Builder() {}

    /**
     * Sets the recipient.
     *
     * @param e164 the phone number in E.164 form, e.g. {@code +447700900123}
     * @return this builder
     */
    public Builder to(String e164) {
      this.to = e164;
      this.toFromPhoneNumber = false;
      return this;
    }

    /**
     * Sets the recipient.
     *
     * @param phone the phone number
     * @return this builder
     */
    public Builder to(PhoneNumber phone) {
      this.to = phone == null ? null : phone.e164();
      this.toFromPhoneNumber = phone != null;
      return this;
    }

    /**
     * Sets the Optimove customer id.
     *
     * @param customerId the id, or null
     * @return this builder
     */
    public Builder customerId(String customerId) {
      this.customerId = customerId;
      return this;
    }

    /**
     * Renders a Delivyr template (instead of a literal body).
     *
     * @param templateId eight upper-case letters and digits, e.g. {@code HDS7F3Y2}
     * @return this builder
     */
    public Builder templateId(String templateId) {
      this.templateId = templateId;
      return this;
    }

    /**
     * Sends a literal text (instead of a template).
     *
     * @param body the message text
     * @return this builder
     */
    public Builder body(String body) {
      this.body = body;
      return this;
    }

    /**
     * Adds a template variable.
     *
     * @param name the variable name
     * @param value its value
     * @return this builder
     */
    public Builder variable(String name, String value) {
      vars().put(name, value);
      return this;
    }

    /**
     * Replaces the template variables.
     *
     * @param variables name to value
     * @return this builder
     */
    public Builder variables(Map<String, String> variables) {
      if (this.variables != null) {
        this.variables.clear();
      }
      if (variables != null && !variables.isEmpty()) {
        vars().putAll(variables);
      }
      return this;
    }

    /**
     * Sets the Optimove campaign the message belongs to.
     *
     * @param campaign the reference, or null
     * @return this builder
     */
    public Builder campaign(CampaignReference campaign) {
      this.campaign = campaign;
      return this;
    }

    /**
     * Turns testing mode on or off for this message. Off by default (see the class description).
     *
     * @param testMode true to write the message to the Message Log only, never to a phone
     * @return this builder
     */
    public Builder testMode(boolean testMode) {
      this.testMode = testMode;
      return this;
    }

    /**
     * Sets the idempotency key (otherwise derived or generated by the client).
     *
     * @param key 1 to 255 visible ASCII characters, or null
     * @return this builder
     */
    public Builder idempotencyKey(String key) {
      this.idempotencyKey = key;
      return this;
    }

    /**
     * Sets the reference that identifies this message in a batch result.
     *
     * @param clientReference 1 to 255 visible ASCII characters, or null
     * @return this builder
     */
    public Builder clientReference(String clientReference) {
      this.clientReference = clientReference;
      return this;
    }

    /**
     * Validates and builds the request.
     *
     * @return the request
     * @throws ConfigurationException listing every problem found
     */
    public SendMessageRequest build() {
      // made on the first problem: a valid request (the common case) allocates no list
      List<ConfigurationProblem> problems = null;
      if (to == null || (!toFromPhoneNumber && !isE164(to))) {
        problems =
            add(
                problems,
                ConfigurationProblem.of(
                    "to",
                    to == null ? null : ConfigurationProblem.printable(to),
                    "give the phone number in E.164 form: '+', the country code and the number,"
                        + " e.g. +447700900123"));
      }
      if ((templateId == null) == (body == null)) {
        problems =
            add(
                problems,
                ConfigurationProblem.of(
                    "templateId/body",
                    templateId == null ? null : templateId,
                    "give exactly one of templateId (a Delivyr template) or body (literal text)"));
      }
      if (templateId != null && !isTemplateId(templateId)) {
        problems =
            add(
                problems,
                ConfigurationProblem.of(
                    "templateId",
                    ConfigurationProblem.printable(templateId),
                    "give Delivyr's template id: eight upper-case letters and digits such as"
                        + " HDS7F3Y2"));
      }
      if (body != null && body.isEmpty()) {
        problems = add(problems, ConfigurationProblem.of("body", "", "give the message text"));
      }
      if (customerId != null && customerId.isBlank()) {
        problems =
            add(
                problems,
                ConfigurationProblem.of("customerId", customerId, "give the id or leave it unset"));
      }
      for (Map.Entry<String, String> e :
          variables == null || variables.isEmpty()
              ? Collections.<String, String>emptyMap().entrySet()
              : variables.entrySet()) {
        if (e.getKey() == null || e.getKey().isBlank()) {
          problems =
              add(
                  problems,
                  ConfigurationProblem.of("variables", e.getKey(), "give every variable a name"));
        } else if (e.getValue() == null) {
          problems =
              add(
                  problems,
                  ConfigurationProblem.of(
                      "variables[" + e.getKey() + "]",
                      null,
                      "give a value (an empty text is allowed)"));
        }
      }
      boolean keyValid = idempotencyKey == null || isKey(idempotencyKey);
      if (!keyValid) {
        problems = add(problems, keyProblem("idempotencyKey", idempotencyKey));
      }
      // a reference that is the key itself (the same string, as the channel gives) is checked once
      boolean referenceValid =
          clientReference == null
              || (clientReference == idempotencyKey ? keyValid : isKey(clientReference));
      if (!referenceValid) {
        problems = add(problems, keyProblem("clientReference", clientReference));
      }
      if (problems != null) {
        ConfigurationException.throwIfAny("Delivyr message", problems);
      }
      return new SendMessageRequest(this);
    }

    private static ConfigurationProblem keyProblem(String field, String value) {
      return ConfigurationProblem.of(
          field,
          ConfigurationProblem.printable(value),
          "use 1 to " + MAX_KEY_LENGTH + " visible ASCII characters (no spaces)");
    }

    private static List<ConfigurationProblem> add(
        List<ConfigurationProblem> problems, ConfigurationProblem problem) {
      List<ConfigurationProblem> list = problems == null ? new ArrayList<>() : problems;
      list.add(problem);
      return list;
    }
  }
}

package io.campaignrelay.core.template;

import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.implementation.Texts;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A vendor's SMS template: id, name, body with personalisation tags in the marketing platform's
 * {@code [%ATTRIBUTE%]} form, an optional redirect URL, its approval state, the channels it is
 * published to, and the default values it declares for tags (used when the renderer's policy is
 * {@link MissingValuePolicy#USE_TEMPLATE_DEFAULT}). Immutable and thread-safe; build with {@link
 * #builder()}.
 */
public final class Template {

  /** Longest body accepted (far above what any SMS vendor sends; it stops runaway input). */
  public static final int MAX_BODY_LENGTH = 10_000;

  private final TemplateId id;
  private final String name;
  private final String body;
  private final URI redirectUrl;
  private final ApprovalState approvalState;
  private final Set<ChannelId> channels;
  private final Map<String, String> defaults; // upper-case tag -> default
  private final List<TagScanner.Token> tokens; // the body, scanned once for every render

  private Template(Builder b) {
    this.id = b.id;
    this.name = b.name;
    this.body = b.body;
    this.redirectUrl = b.redirectUrl;
    this.approvalState = b.approvalState;
    this.channels = Collections.unmodifiableSet(new LinkedHashSet<>(b.channels));
    Map<String, String> d = new LinkedHashMap<>();
    b.defaults.forEach((k, v) -> d.put(k.toUpperCase(Locale.ROOT), v));
    this.defaults = Collections.unmodifiableMap(d);
    this.tokens = List.copyOf(TagScanner.scan(this.body));
  }

  /**
   * A new builder. The approval state defaults to {@link ApprovalState#PENDING}: a template is
   * sendable only once explicitly approved.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this template's values.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.name = name;
    b.body = body;
    b.redirectUrl = redirectUrl;
    b.approvalState = approvalState;
    b.channels.addAll(channels);
    b.defaults.putAll(defaults);
    return b;
  }

  /**
   * The vendor's id.
   *
   * @return the id
   */
  public TemplateId id() {
    return id;
  }

  /**
   * The name (a prefix such as {@code OPT_} may route it to a contact group).
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The body with {@code [%TAG%]} placeholders.
   *
   * @return the body
   */
  public String body() {
    return body;
  }

  /**
   * The template's own redirect link, if it has one (otherwise the integration's default URL
   * applies).
   *
   * @return the URL, or empty
   */
  public Optional<URI> redirectUrl() {
    return Optional.ofNullable(redirectUrl);
  }

  /**
   * The vendor's approval state.
   *
   * @return the state
   */
  public ApprovalState approvalState() {
    return approvalState;
  }

  /**
   * Whether the template is approved for sending.
   *
   * @return true if approved
   */
  public boolean isApproved() {
    return approvalState.isApproved();
  }

  /**
   * The channels the template is published to.
   *
   * @return an unmodifiable set in insertion order
   */
  public Set<ChannelId> channels() {
    return channels;
  }

  /**
   * The default values the template declares, by tag name (upper-case).
   *
   * @return an unmodifiable map
   */
  public Map<String, String> defaults() {
    return defaults;
  }

  /**
   * The default declared for a tag, looked up ignoring case.
   *
   * @param tag the tag name without brackets, e.g. {@code FIRST_NAME}
   * @return the default, or empty
   */
  public Optional<String> defaultFor(String tag) {
    return tag == null
        ? Optional.empty()
        : Optional.ofNullable(defaults.get(tag.toUpperCase(Locale.ROOT)));
  }

  List<TagScanner.Token> tokens() {
    return tokens;
  }

  // The renderer's plan of this template for the attribute names it met last (a cache: immutable
  // plans, replaced whole, so a race only costs making one again).
  private volatile TemplateRenderer.Plan plan;

  TemplateRenderer.Plan plan() {
    return plan;
  }

  void plan(TemplateRenderer.Plan plan) {
    this.plan = plan;
  }

  /**
   * The distinct tag names used in the body, in order of first use, as written.
   *
   * @return an unmodifiable list
   */
  public List<String> tags() {
    return TemplateRenderer.tagsOf(body);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Template t
        && id.equals(t.id)
        && name.equals(t.name)
        && body.equals(t.body)
        && Objects.equals(redirectUrl, t.redirectUrl)
        && approvalState.equals(t.approvalState)
        && channels.equals(t.channels)
        && defaults.equals(t.defaults);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, name, body, redirectUrl, approvalState, channels, defaults);
  }

  @Override
  public String toString() {
    return "Template{id="
        + id
        + ", name="
        + name
        + ", approvalState="
        + approvalState
        + ", channels="
        + channels
        + ", bodyLength="
        + body.length()
        + '}';
  }

  /** Builds a {@link Template}; {@link #build()} reports every problem at once. Not thread-safe. */
  public static final class Builder {
    private TemplateId id;
    private String name;
    private String body;
    private URI redirectUrl;
    private ApprovalState approvalState = ApprovalState.PENDING;
    private final Set<ChannelId> channels = new LinkedHashSet<>();
    private final Map<String, String> defaults = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the id (required).
     *
     * @param id the vendor's template id
     * @return this builder
     */
    public Builder id(TemplateId id) {
      this.id = id;
      return this;
    }

    /**
     * Sets the name (required, not blank).
     *
     * @param name the name
     * @return this builder
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * Sets the body (required, not blank).
     *
     * @param body the text with {@code [%TAG%]} placeholders
     * @return this builder
     */
    public Builder body(String body) {
      this.body = body;
      return this;
    }

    /**
     * Sets the template's own redirect link (optional; absolute http or https).
     *
     * @param redirectUrl the URL, or null for none
     * @return this builder
     */
    public Builder redirectUrl(URI redirectUrl) {
      this.redirectUrl = redirectUrl;
      return this;
    }

    /**
     * Sets the approval state (default {@link ApprovalState#PENDING}).
     *
     * @param approvalState the state
     * @return this builder
     */
    public Builder approvalState(ApprovalState approvalState) {
      this.approvalState = approvalState;
      return this;
    }

    /**
     * Adds a channel the template is published to.
     *
     * @param channel the channel
     * @return this builder
     */
    public Builder addChannel(ChannelId channel) {
      this.channels.add(Objects.requireNonNull(channel, "channel"));
      return this;
    }

    /**
     * Replaces the channels.
     *
     * @param channels the channels
     * @return this builder
     */
    public Builder channels(Set<ChannelId> channels) {
      this.channels.clear();
      for (ChannelId c : channels) {
        addChannel(c);
      }
      return this;
    }

    /**
     * Declares a default value for a tag.
     *
     * @param tag the tag name without brackets, e.g. {@code FIRST_NAME}
     * @param value the default, not null (may be empty only if you want an empty substitution)
     * @return this builder
     */
    public Builder defaultValue(String tag, String value) {
      this.defaults.put(Objects.requireNonNull(tag, "tag"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Builds the template.
     *
     * @return the template
     * @throws ConfigurationException listing every missing or invalid value
     */
    public Template build() {
      List<ConfigurationProblem> p = new ArrayList<>();
      if (id == null) {
        p.add(ConfigurationProblem.of("id", null, "is required: give the vendor's template id"));
      }
      if (name == null || name.isBlank()) {
        p.add(
            ConfigurationProblem.of(
                "name", Texts.printable(name), "is blank: give the" + " template's name"));
      }
      if (body == null || body.isBlank()) {
        p.add(
            ConfigurationProblem.of(
                "body", Texts.printable(body), "is blank: give the message text of the template"));
      } else if (body.length() > MAX_BODY_LENGTH) {
        p.add(
            ConfigurationProblem.of(
                "body",
                Texts.printable(body),
                "is " + body.length() + " characters: give at most " + MAX_BODY_LENGTH));
      }
      if (approvalState == null) {
        p.add(
            ConfigurationProblem.of(
                "approvalState", null, "is required: give APPROVED, PENDING or REJECTED"));
      }
      if (redirectUrl != null) {
        String scheme = redirectUrl.getScheme();
        if (!redirectUrl.isAbsolute()
            || redirectUrl.getHost() == null
            || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
          p.add(
              ConfigurationProblem.of(
                  "redirectUrl",
                  redirectUrl,
                  "is not an absolute http(s) URL: give e.g. https://example.com/offer"));
        }
      }
      for (String tag : defaults.keySet()) {
        if (!TemplateRenderer.isValidTagName(tag)) {
          p.add(
              ConfigurationProblem.of(
                  "defaults[" + tag + "]",
                  Texts.printable(tag),
                  "is not a tag name: use letters, digits and '_' only, without the [% %]"));
        }
      }
      ConfigurationException.throwIfAny("template", p);
      return new Template(this);
    }
  }
}

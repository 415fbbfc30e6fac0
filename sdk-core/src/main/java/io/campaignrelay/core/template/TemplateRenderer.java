package io.campaignrelay.core.template;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.CustomerAttributes;
import io.campaignrelay.core.implementation.Texts;
import io.campaignrelay.core.sms.SmsLength;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Fills a {@link Template}'s {@code [%TAG%]} placeholders for one recipient. A tag is resolved, in
 * order, from:
 *
 * <ol>
 *   <li>the recipient's attributes, by name ignoring case;
 *   <li>the promotion codes: {@code [%PROMO_CODE%]} is the first code, {@code [%PROMO_CODE_1%]},
 *       {@code [%PROMO_CODE_2%]}... the first, second... (the tag name is configurable);
 *   <li>the redirect URL: {@code [%URL%]} is the template's own redirect URL, else the
 *       integration's default URL (tag name configurable).
 * </ol>
 *
 * <p>The tag names for promotion codes and the URL are not documented by the platform (INFERRED);
 * configure them with {@link Builder#promoCodeTag(String)} and {@link Builder#urlTag(String)}.
 *
 * <p>Unknown tags, missing values and empty values are reported as {@link RenderProblem}s; the
 * explicit {@link MissingValuePolicy} decides whether a declared template default fills them or the
 * recipient fails. Malformed tags always fail. Immutable and thread-safe.
 */
public final class TemplateRenderer {

  /** The default tag name of promotion codes. */
  public static final String DEFAULT_PROMO_CODE_TAG = "PROMO_CODE";

  /** The default tag name of the redirect URL. */
  public static final String DEFAULT_URL_TAG = "URL";

  private final MissingValuePolicy policy;
  private final URI defaultUrl;
  private final String promoCodeTag;
  private final String urlTag;

  private TemplateRenderer(Builder b) {
    this.policy = b.policy;
    this.defaultUrl = b.defaultUrl;
    this.promoCodeTag = b.promoCodeTag.toUpperCase(Locale.ROOT);
    this.urlTag = b.urlTag.toUpperCase(Locale.ROOT);
  }

  /**
   * A renderer with the defaults: {@link MissingValuePolicy#FAIL_RECIPIENT}, no default URL.
   *
   * @return the renderer
   */
  public static TemplateRenderer create() {
    return builder().build();
  }

  /**
   * A builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this renderer's settings.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.policy = policy;
    b.defaultUrl = defaultUrl;
    b.promoCodeTag = promoCodeTag;
    b.urlTag = urlTag;
    return b;
  }

  /**
   * The policy for tags that cannot be filled.
   *
   * @return the policy
   */
  public MissingValuePolicy missingValuePolicy() {
    return policy;
  }

  /**
   * The URL used for the URL tag of templates without their own redirect URL.
   *
   * @return the URL, or empty
   */
  public Optional<URI> defaultUrl() {
    return Optional.ofNullable(defaultUrl);
  }

  /**
   * The tag name of promotion codes.
   *
   * @return e.g. {@code PROMO_CODE}
   */
  public String promoCodeTag() {
    return promoCodeTag;
  }

  /**
   * The tag name of the redirect URL.
   *
   * @return e.g. {@code URL}
   */
  public String urlTag() {
    return urlTag;
  }

  /**
   * Fills a template for one recipient.
   *
   * @param template the template
   * @param attributes the recipient's attributes
   * @param promoCodes the recipient's (or campaign's) promotion codes, in order
   * @return the text and its length, or the problems
   */
  public RenderResult render(
      Template template, CustomerAttributes attributes, List<String> promoCodes) {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(attributes, "attributes");
    Objects.requireNonNull(promoCodes, "promoCodes");
    StringBuilder out = BUFFER.get();
    out.setLength(0);
    Plan plan = plan(template, attributes);
    List<RenderProblem> problems = null; // made on the first problem: most renders have none
    List<String> defaultsUsed = null;
    // The text's GSM-7 septets, counted while it is written (the literals' counts are the plan's),
    // while it may still be one GSM-7 part; past that, SmsLength reads the whole text.
    int septets = 0;
    List<TagScanner.Token> tokens = template.tokens();
    for (int i = 0; i < tokens.size(); i++) {
      TagScanner.Token t = tokens.get(i);
      switch (t.type()) {
        case LITERAL -> {
          out.append(t.text());
          int cost = plan.septets[i];
          septets = cost < 0 || septets < 0 ? -1 : septets + cost;
        }
        case MALFORMED -> {
          if (problems == null) {
            problems = new ArrayList<>(1);
          }
          problems.add(malformed(t));
        }
        case TAG -> {
          String value = resolve(plan, i, template, attributes, promoCodes);
          boolean known = value != UNKNOWN;
          if (known && value != null && !value.isBlank()) {
            out.append(value);
            septets = addSeptets(septets, value);
            continue;
          }
          RenderProblem.Kind kind =
              !known
                  ? RenderProblem.Kind.UNKNOWN_TAG
                  : value == null
                      ? RenderProblem.Kind.MISSING_VALUE
                      : RenderProblem.Kind.EMPTY_VALUE;
          Optional<String> fallback =
              policy == MissingValuePolicy.USE_TEMPLATE_DEFAULT
                  ? template.defaultFor(t.text())
                  : Optional.empty();
          if (fallback.isPresent()) {
            out.append(fallback.get());
            septets = addSeptets(septets, fallback.get());
            if (defaultsUsed == null) {
              defaultsUsed = new ArrayList<>(1);
            }
            defaultsUsed.add(t.text());
          } else {
            if (problems == null) {
              problems = new ArrayList<>(1);
            }
            problems.add(problem(kind, t, template));
          }
        }
      }
    }
    if (defaultsUsed == null) {
      defaultsUsed = List.of();
    }
    if (out.capacity() > MAX_KEPT_BUFFER) {
      BUFFER.remove(); // a rare long text does not stay behind on the thread
    }
    if (problems != null) {
      return RenderResult.failed(template.id(), problems, defaultsUsed);
    }
    String text = out.toString();
    // What SmsLength.of(text) gives, without reading the text again when it is one GSM-7 part.
    SmsLength length =
        septets >= 0 && septets <= SINGLE_PART_SEPTETS
            ? SmsLength.ofSinglePartGsm7(septets)
            : SmsLength.of(text);
    return RenderResult.rendered(template.id(), text, length, defaultsUsed);
  }

  /** The most septets of a one-part GSM-7 message. */
  private static final int SINGLE_PART_SEPTETS = 160;

  /**
   * Adds a value's GSM-7 septets to a running count; -1 (the text is not, or no longer, one GSM-7
   * part) stays -1.
   */
  private static int addSeptets(int septets, String value) {
    if (septets < 0) {
      return -1;
    }
    int n = value.length();
    if (septets + n > SINGLE_PART_SEPTETS) {
      return -1; // at least one septet a character: past one part whatever the characters
    }
    for (int k = 0; k < n; k++) {
      int cost = SmsLength.gsmSeptets(value.charAt(k));
      if (cost == 0) {
        return -1;
      }
      septets += cost;
    }
    return septets;
  }

  /**
   * What a render of one template needs to know of it beyond its tokens, for one list of attribute
   * names (the list rows of one listing share): per token, the attribute position of a tag (-1 when
   * no attribute has its name), the upper-case name of a tag, and the GSM-7 septets of a literal
   * (-1 when it is not GSM-7 or longer than one part). Immutable.
   */
  static final class Plan {
    final List<String> names;
    final int[] positions;
    final String[] upper;
    final int[] septets;

    private Plan(List<String> names, int[] positions, String[] upper, int[] septets) {
      this.names = names;
      this.positions = positions;
      this.upper = upper;
      this.septets = septets;
    }
  }

  /** The template's plan for these attributes' names: the cached one, else a new one. */
  private static Plan plan(Template template, CustomerAttributes attributes) {
    List<String> names = attributes.names();
    Plan p = template.plan();
    if (p != null && p.names == names) {
      return p;
    }
    List<TagScanner.Token> tokens = template.tokens();
    int n = tokens.size();
    int[] positions = new int[n];
    String[] upper = new String[n];
    int[] septets = new int[n];
    for (int i = 0; i < n; i++) {
      TagScanner.Token t = tokens.get(i);
      positions[i] = -1;
      if (t.type() == TagScanner.Type.TAG) {
        positions[i] = attributes.indexOf(t.text());
        upper[i] = t.text().toUpperCase(Locale.ROOT);
      } else if (t.type() == TagScanner.Type.LITERAL) {
        septets[i] = addSeptets(0, t.text());
      }
    }
    p = new Plan(names, positions, upper, septets);
    template.plan(p);
    return p;
  }

  /** Largest text buffer a thread keeps between renders (in chars). */
  private static final int MAX_KEPT_BUFFER = 4096;

  /**
   * Each thread's text buffer, so that a render allocates its text once (not a builder that grows
   * and is then copied).
   */
  private static final ThreadLocal<StringBuilder> BUFFER =
      ThreadLocal.withInitial(() -> new StringBuilder(512));

  /**
   * Checks a template at import time against the attributes that will be available: reports
   * malformed tags and tags that no attribute, promotion code or URL can fill. Values are not
   * checked (they are per recipient).
   *
   * @param template the template
   * @param attributeNames the attribute names the integration requests
   * @return the problems; empty when every tag can be filled
   */
  public List<RenderProblem> check(Template template, Collection<String> attributeNames) {
    Objects.requireNonNull(template, "template");
    Set<String> names = new HashSet<>();
    for (String n : attributeNames) {
      names.add(n.toUpperCase(Locale.ROOT));
    }
    List<RenderProblem> problems = new ArrayList<>();
    for (TagScanner.Token t : TagScanner.scan(template.body())) {
      if (t.type() == TagScanner.Type.MALFORMED) {
        problems.add(malformed(t));
      } else if (t.type() == TagScanner.Type.TAG) {
        String tag = t.text().toUpperCase(Locale.ROOT);
        boolean known =
            names.contains(tag)
                || promoIndex(tag) >= 0
                || (tag.equals(urlTag)
                    && (template.redirectUrl().isPresent() || defaultUrl != null));
        boolean defaulted =
            policy == MissingValuePolicy.USE_TEMPLATE_DEFAULT
                && template.defaultFor(tag).isPresent();
        if (!known && !defaulted) {
          problems.add(problem(RenderProblem.Kind.UNKNOWN_TAG, t, template));
        }
      }
    }
    return List.copyOf(problems);
  }

  /**
   * The distinct tag names of a body, in order of first use, as written.
   *
   * @param body the template body
   * @return an unmodifiable list
   */
  public static List<String> tagsOf(String body) {
    return TagScanner.tags(Objects.requireNonNull(body, "body"));
  }

  /**
   * Whether a text is a valid tag name: letters, digits and {@code _}, not empty.
   *
   * @param name the name without brackets
   * @return true if valid
   */
  public static boolean isValidTagName(String name) {
    return TagScanner.isValidName(name);
  }

  /**
   * What {@link #resolve} returns for a tag that names nothing (compared by identity: no value of a
   * customer is this instance).
   */
  private static final String UNKNOWN = new String("unknown tag");

  /**
   * The value of the tag at token {@code i}: null when known without a value, {@link #UNKNOWN} when
   * it names nothing.
   */
  private String resolve(
      Plan plan, int i, Template template, CustomerAttributes attributes, List<String> promoCodes) {
    int position = plan.positions[i];
    if (position >= 0) {
      return attributes.values().get(position); // null: the attribute has no value
    }
    String upper = plan.upper[i];
    int promo = promoIndex(upper);
    if (promo >= 0) {
      return promo < promoCodes.size() ? promoCodes.get(promo) : null;
    }
    if (upper.equals(urlTag)) {
      URI url = template.redirectUrl().orElse(defaultUrl);
      return url == null ? null : url.toString();
    }
    return UNKNOWN;
  }

  /** 0-based index of the promotion code a tag names, or -1. */
  private int promoIndex(String upperTag) {
    if (upperTag.equals(promoCodeTag)) {
      return 0;
    }
    if (upperTag.startsWith(promoCodeTag + "_")) {
      String n = upperTag.substring(promoCodeTag.length() + 1);
      if (!n.isEmpty() && n.length() <= 3 && n.chars().allMatch(c -> c >= '0' && c <= '9')) {
        int i = Integer.parseInt(n);
        return i >= 1 ? i - 1 : -1;
      }
    }
    return -1;
  }

  private static RenderProblem malformed(TagScanner.Token t) {
    return new RenderProblem(
        RenderProblem.Kind.MALFORMED_TAG,
        t.text(),
        t.start(),
        "'"
            + Texts.printable(t.text())
            + "' at position "
            + t.start()
            + " is not a valid tag: write tags as [%NAME%], the name made of letters, digits and"
            + " '_', closed with %]");
  }

  private RenderProblem problem(RenderProblem.Kind kind, TagScanner.Token t, Template template) {
    String tag = "[%" + t.text() + "%]";
    String where = " in template " + template.id() + " at position " + t.start();
    String fallback =
        " or declare a default for it in the template and render with USE_TEMPLATE_DEFAULT";
    String message =
        switch (kind) {
          case UNKNOWN_TAG ->
              tag
                  + where
                  + " is unknown: no attribute, promotion code or URL has that name; request the"
                  + " attribute, fix the tag's spelling,"
                  + fallback;
          case MISSING_VALUE ->
              tag
                  + where
                  + " has no value for this recipient: fill the attribute (or give the promotion"
                  + " code / URL),"
                  + fallback;
          case EMPTY_VALUE ->
              tag + where + " is empty for this recipient: fill the attribute," + fallback;
          case MALFORMED_TAG -> throw new IllegalArgumentException("use malformed()");
        };
    return new RenderProblem(kind, t.text(), t.start(), message);
  }

  @Override
  public String toString() {
    return "TemplateRenderer{policy="
        + policy
        + ", defaultUrl="
        + defaultUrl
        + ", promoCodeTag="
        + promoCodeTag
        + ", urlTag="
        + urlTag
        + '}';
  }

  /** Builds a {@link TemplateRenderer}. Not thread-safe. */
  public static final class Builder {
    private MissingValuePolicy policy = MissingValuePolicy.FAIL_RECIPIENT;
    private URI defaultUrl;
    private String promoCodeTag = DEFAULT_PROMO_CODE_TAG;
    private String urlTag = DEFAULT_URL_TAG;

    private Builder() {}

    /**
     * Sets the policy for tags that cannot be filled (default {@link
     * MissingValuePolicy#FAIL_RECIPIENT}).
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder missingValuePolicy(MissingValuePolicy policy) {
      this.policy = policy;
      return this;
    }

    /**
     * Sets the integration's default URL, used for the URL tag of templates without their own
     * redirect URL (e.g. templates created before the integration was enabled).
     *
     * @param defaultUrl an absolute http(s) URL, or null for none
     * @return this builder
     */
    public Builder defaultUrl(URI defaultUrl) {
      this.defaultUrl = defaultUrl;
      return this;
    }

    /**
     * Sets the tag name of promotion codes (default {@value #DEFAULT_PROMO_CODE_TAG}).
     *
     * @param tag the name without brackets
     * @return this builder
     */
    public Builder promoCodeTag(String tag) {
      this.promoCodeTag = tag;
      return this;
    }

    /**
     * Sets the tag name of the redirect URL (default {@value #DEFAULT_URL_TAG}).
     *
     * @param tag the name without brackets
     * @return this builder
     */
    public Builder urlTag(String tag) {
      this.urlTag = tag;
      return this;
    }

    /**
     * Builds the renderer.
     *
     * @return the renderer
     * @throws ConfigurationException listing every invalid setting
     */
    public TemplateRenderer build() {
      List<ConfigurationProblem> p = new ArrayList<>();
      if (policy == null) {
        p.add(
            ConfigurationProblem.of(
                "missingValuePolicy",
                null,
                "is required: choose FAIL_RECIPIENT or USE_TEMPLATE_DEFAULT"));
      }
      if (!isValidTagName(promoCodeTag)) {
        p.add(
            ConfigurationProblem.of(
                "promoCodeTag",
                Texts.printable(promoCodeTag),
                "is not a tag name: use letters, digits and '_' only, without the [% %]"));
      }
      if (!isValidTagName(urlTag)) {
        p.add(
            ConfigurationProblem.of(
                "urlTag",
                Texts.printable(urlTag),
                "is not a tag name: use letters, digits and '_' only, without the [% %]"));
      }
      if (promoCodeTag != null && promoCodeTag.equalsIgnoreCase(urlTag)) {
        p.add(
            ConfigurationProblem.of(
                "urlTag", urlTag, "is the same as promoCodeTag: give the two different names"));
      }
      if (defaultUrl != null) {
        String scheme = defaultUrl.getScheme();
        if (!defaultUrl.isAbsolute()
            || defaultUrl.getHost() == null
            || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
          p.add(
              ConfigurationProblem.of(
                  "defaultUrl",
                  defaultUrl,
                  "is not an absolute http(s) URL: give e.g. https://example.com/offers"));
        }
      }
      ConfigurationException.throwIfAny("template renderer", p);
      return new TemplateRenderer(this);
    }
  }
}

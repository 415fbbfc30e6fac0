package io.campaignrelay.delivyr;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.CustomerAttributes;
import io.campaignrelay.core.Secret;
import io.campaignrelay.delivyr.models.OptimoveAccessType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings of Delivyr's Optimove integration (Delivyr dashboard: Settings -&gt; Integrations
 * -&gt; Optimove), with every rule of Delivyr's setup guide checked when {@link Builder#build()} is
 * called. All problems are reported at once in one {@link ConfigurationException}.
 *
 * <p>The rules:
 *
 * <ul>
 *   <li><b>Testing mode</b> is on unless the caller turns it off with {@code testingMode(false)}:
 *       in testing mode messages go to the Message Log and never reach a phone.
 *   <li><b>API endpoint</b> has the form {@code https://api<N>.optimove.net/} (N a number)
 *       including the trailing slash, as shown above the key list in Optimove (Settings -&gt;
 *       Access Management -&gt; API Keys).
 *   <li><b>API key</b> is of the Integrations access type, never Admin or Transaction(al). The key
 *       itself cannot tell its type, so the caller declares it with {@link Builder#apiKey(Secret,
 *       OptimoveAccessType)}.
 *   <li><b>Customer attributes</b>: at least one; the phone number attribute first; no duplicates.
 *       When {@link Builder#phoneNumberAttribute(String)} names it, the first attribute must be
 *       that one; otherwise the first attribute's name must look like a phone number attribute
 *       (contains {@code PHONE}, {@code MOBILE}, {@code MSISDN} or {@code CELL}; a heuristic, as
 *       Optimove attribute names are tenant-specific: name the attribute explicitly to skip it).
 *   <li><b>Triggered overrides</b> (an advanced feature to agree with Delivyr support): each key is
 *       {@code phone} or a selected attribute, each value a dotted path in the trigger payload.
 *   <li><b>Tenant ID and tenant token</b> (from the Optimove account manager) are given together or
 *       not at all.
 *   <li><b>Default URL</b>, when given, is an absolute https URL. It is installed on custom
 *       templates created before the integration was enabled; later templates keep their own
 *       redirect links (see {@link DefaultUrlRule}).
 * </ul>
 *
 * <p>Immutable and thread-safe; {@link #toString()} never shows the key or the token.
 */
public final class OptimoveIntegrationSettings {

  /** The override key that replaces the phone number (the first attribute). */
  public static final String PHONE_OVERRIDE = "phone";

  private static final String SUBJECT = "Delivyr Optimove integration settings";
  private static final Pattern ENDPOINT = Pattern.compile("https://api[0-9]+\\.optimove\\.net/");
  private static final Pattern ENDPOINT_NO_SLASH =
      Pattern.compile("https://api[0-9]+\\.optimove\\.net");
  private static final Pattern TENANT_ID =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern PATH = Pattern.compile("[^.\\s]+(\\.[^.\\s]+)*");

  private final boolean testingMode;
  private final String apiEndpoint;
  private final Secret apiKey;
  private final OptimoveAccessType apiKeyAccessType;
  private final List<String> customerAttributes;
  private final String phoneNumberAttribute;
  private final Map<String, String> triggeredOverrides;
  private final String tenantId;
  private final Secret tenantToken;
  private final String defaultUrl;

  private OptimoveIntegrationSettings(Builder b) {
    this.testingMode = b.testingMode;
    this.apiEndpoint = b.apiEndpoint;
    this.apiKey = b.apiKey;
    this.apiKeyAccessType = b.apiKeyAccessType;
    this.customerAttributes = List.copyOf(b.customerAttributes);
    this.phoneNumberAttribute = b.phoneNumberAttribute;
    this.triggeredOverrides =
        Collections.unmodifiableMap(new LinkedHashMap<>(b.triggeredOverrides));
    this.tenantId = b.tenantId;
    this.tenantToken = b.tenantToken;
    this.defaultUrl = b.defaultUrl;
  }

  /**
   * A builder with testing mode on and nothing else set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these settings.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.testingMode = testingMode;
    b.apiEndpoint = apiEndpoint;
    b.apiKey = apiKey;
    b.apiKeyAccessType = apiKeyAccessType;
    b.customerAttributes.addAll(customerAttributes);
    b.phoneNumberAttribute = phoneNumberAttribute;
    b.triggeredOverrides.putAll(triggeredOverrides);
    b.tenantId = tenantId;
    b.tenantToken = tenantToken;
    b.defaultUrl = defaultUrl;
    return b;
  }

  /**
   * Whether messages only go to the Message Log and never reach a phone. On by default.
   *
   * @return true in testing mode
   */
  public boolean testingMode() {
    return testingMode;
  }

  /**
   * The Optimove API endpoint.
   *
   * @return e.g. {@code https://api4.optimove.net/}
   */
  public String apiEndpoint() {
    return apiEndpoint;
  }

  /**
   * The Optimove API key (Integrations access type).
   *
   * @return the key; prints as {@code ****}
   */
  public Secret apiKey() {
    return apiKey;
  }

  /**
   * The declared access type of the key.
   *
   * @return always {@link OptimoveAccessType#INTEGRATIONS} for valid settings
   */
  public OptimoveAccessType apiKeyAccessType() {
    return apiKeyAccessType;
  }

  /**
   * The selected customer attributes, the phone number first.
   *
   * @return an unmodifiable list, never empty
   */
  public List<String> customerAttributes() {
    return customerAttributes;
  }

  /**
   * The phone number attribute: the first selected attribute.
   *
   * @return the attribute name
   */
  public String phoneNumberAttribute() {
    return customerAttributes.get(0);
  }

  /**
   * The attributes used as template variables: all selected attributes but the phone number.
   *
   * @return an unmodifiable list, possibly empty
   */
  public List<String> variableAttributes() {
    return customerAttributes.subList(1, customerAttributes.size());
  }

  /**
   * The triggered overrides: an attribute name (or {@value #PHONE_OVERRIDE}) to the dotted path of
   * the value in the trigger payload that replaces it, e.g. {@code phone ->
   * personalization.purchase.mobile_number}.
   *
   * @return an unmodifiable map in insertion order, possibly empty
   */
  public Map<String, String> triggeredOverrides() {
    return triggeredOverrides;
  }

  /**
   * The Optimove tenant id.
   *
   * @return the id, or empty when neither tenant id nor token is configured
   */
  public Optional<String> tenantId() {
    return Optional.ofNullable(tenantId);
  }

  /**
   * The Optimove tenant token, which signs engagement metrics.
   *
   * @return the token, or empty when neither tenant id nor token is configured
   */
  public Optional<Secret> tenantToken() {
    return Optional.ofNullable(tenantToken);
  }

  /**
   * The default URL installed on custom templates created before the integration was enabled.
   *
   * @return the absolute https URL, or empty
   */
  public Optional<String> defaultUrl() {
    return Optional.ofNullable(defaultUrl);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OptimoveIntegrationSettings s
        && testingMode == s.testingMode
        && apiEndpoint.equals(s.apiEndpoint)
        && apiKey.equals(s.apiKey)
        && apiKeyAccessType.equals(s.apiKeyAccessType)
        && customerAttributes.equals(s.customerAttributes)
        && Objects.equals(phoneNumberAttribute, s.phoneNumberAttribute)
        && triggeredOverrides.equals(s.triggeredOverrides)
        && Objects.equals(tenantId, s.tenantId)
        && Objects.equals(tenantToken, s.tenantToken)
        && Objects.equals(defaultUrl, s.defaultUrl);
  }

  @Override
  public int hashCode() {
    return Objects.hash(testingMode, apiEndpoint, customerAttributes, tenantId, defaultUrl);
  }

  /** Describes the settings; the API key and tenant token print as {@code ****}. */
  @Override
  public String toString() {
    return "OptimoveIntegrationSettings{testingMode="
        + testingMode
        + ", apiEndpoint="
        + apiEndpoint
        + ", apiKey="
        + Secret.REDACTED
        + ", apiKeyAccessType="
        + apiKeyAccessType
        + ", customerAttributes="
        + customerAttributes
        + ", triggeredOverrides="
        + triggeredOverrides
        + ", tenantId="
        + tenantId
        + ", tenantToken="
        + (tenantToken == null ? "null" : Secret.REDACTED)
        + ", defaultUrl="
        + defaultUrl
        + '}';
  }

  /** Builds {@link OptimoveIntegrationSettings}. Not thread-safe. */
  public static final class Builder {
    private boolean testingMode = true;
    private String apiEndpoint;
    private Secret apiKey;
    private OptimoveAccessType apiKeyAccessType;
    private final List<String> customerAttributes = new ArrayList<>();
    private String phoneNumberAttribute;
    private final Map<String, String> triggeredOverrides = new LinkedHashMap<>();
    private String tenantId;
    private Secret tenantToken;
    private String defaultUrl;

    private Builder() {}

    /**
     * Turns testing mode on or off. It is on by default; turn it off only when the messages in the
     * Message Log look right.
     *
     * @param testingMode false to really send messages to phones
     * @return this builder
     */
    public Builder testingMode(boolean testingMode) {
      this.testingMode = testingMode;
      return this;
    }

    /**
     * Sets the Optimove API endpoint.
     *
     * @param apiEndpoint {@code https://api<N>.optimove.net/} with the trailing slash
     * @return this builder
     */
    public Builder apiEndpoint(String apiEndpoint) {
      this.apiEndpoint = apiEndpoint;
      return this;
    }

    /**
     * Sets the Optimove API key and declares its access type.
     *
     * @param apiKey the key
     * @param accessType the type chosen when the key was generated; must be {@link
     *     OptimoveAccessType#INTEGRATIONS}
     * @return this builder
     */
    public Builder apiKey(Secret apiKey, OptimoveAccessType accessType) {
      this.apiKey = apiKey;
      this.apiKeyAccessType = accessType;
      return this;
    }

    /**
     * Replaces the selected customer attributes.
     *
     * @param attributes the attribute names, the phone number first
     * @return this builder
     */
    public Builder customerAttributes(List<String> attributes) {
      customerAttributes.clear();
      if (attributes != null) {
        customerAttributes.addAll(attributes);
      }
      return this;
    }

    /**
     * Replaces the selected customer attributes.
     *
     * @param attributes the attribute names, the phone number first
     * @return this builder
     */
    public Builder customerAttributes(String... attributes) {
      return customerAttributes(attributes == null ? null : List.of(attributes));
    }

    /**
     * Names the phone number attribute, which must then be the first selected attribute.
     *
     * @param attribute the attribute name, e.g. {@code MOBILE_NUMBER}; null to rely on the name
     *     heuristic
     * @return this builder
     */
    public Builder phoneNumberAttribute(String attribute) {
      this.phoneNumberAttribute = attribute;
      return this;
    }

    /**
     * Adds a triggered override.
     *
     * @param attribute a selected attribute, or {@code phone} for the phone number
     * @param payloadPath the dotted path of the replacing value in the trigger payload, e.g. {@code
     *     personalization.purchase.mobile_number}
     * @return this builder
     */
    public Builder triggeredOverride(String attribute, String payloadPath) {
      triggeredOverrides.put(attribute, payloadPath);
      return this;
    }

    /**
     * Replaces the triggered overrides.
     *
     * @param overrides attribute (or {@code phone}) to payload path
     * @return this builder
     */
    public Builder triggeredOverrides(Map<String, String> overrides) {
      triggeredOverrides.clear();
      if (overrides != null) {
        triggeredOverrides.putAll(overrides);
      }
      return this;
    }

    /**
     * Sets the tenant id and tenant token together (from the Optimove account manager).
     *
     * @param tenantId the tenant id (usually a number; letters, digits and '-' are accepted)
     * @param tenantToken the tenant token
     * @return this builder
     */
    public Builder tenant(String tenantId, Secret tenantToken) {
      this.tenantId = tenantId;
      this.tenantToken = tenantToken;
      return this;
    }

    /**
     * Sets the tenant id alone; the token must be set too.
     *
     * @param tenantId the tenant id (usually a number)
     * @return this builder
     */
    public Builder tenantId(String tenantId) {
      this.tenantId = tenantId;
      return this;
    }

    /**
     * Sets the tenant token alone; the id must be set too.
     *
     * @param tenantToken the tenant token
     * @return this builder
     */
    public Builder tenantToken(Secret tenantToken) {
      this.tenantToken = tenantToken;
      return this;
    }

    /**
     * Sets the default URL for custom templates created before the integration was enabled.
     *
     * @param defaultUrl an absolute https URL, or null for none
     * @return this builder
     */
    public Builder defaultUrl(String defaultUrl) {
      this.defaultUrl = defaultUrl;
      return this;
    }

    /**
     * Checks every rule and builds the settings.
     *
     * @return the settings
     * @throws ConfigurationException listing every problem found
     */
    public OptimoveIntegrationSettings build() {
      List<ConfigurationProblem> problems = new ArrayList<>();
      checkEndpoint(problems);
      checkKey(problems);
      checkAttributes(problems);
      checkOverrides(problems);
      checkTenant(problems);
      checkDefaultUrl(problems);
      ConfigurationException.throwIfAny(SUBJECT, problems);
      return new OptimoveIntegrationSettings(this);
    }

    private void checkEndpoint(List<ConfigurationProblem> problems) {
      if (apiEndpoint == null || apiEndpoint.isBlank()) {
        problems.add(
            ConfigurationProblem.of(
                "apiEndpoint",
                null,
                "copy the \"API Endpoint\" shown above the key list in Optimove (Settings ->"
                    + " Access Management -> API Keys), e.g. https://api4.optimove.net/"));
      } else if (ENDPOINT_NO_SLASH.matcher(apiEndpoint).matches()) {
        problems.add(
            ConfigurationProblem.of(
                "apiEndpoint", apiEndpoint, "include the trailing slash: " + apiEndpoint + "/"));
      } else if (!ENDPOINT.matcher(apiEndpoint).matches()) {
        problems.add(
            ConfigurationProblem.of(
                "apiEndpoint",
                apiEndpoint,
                "use the form https://api<N>.optimove.net/ (N a number) with the trailing slash,"
                    + " e.g. https://api4.optimove.net/"));
      }
    }

    private void checkKey(List<ConfigurationProblem> problems) {
      if (apiKey == null) {
        problems.add(
            ConfigurationProblem.of(
                "apiKey",
                null,
                "generate an Optimove API key with the Integrations access type, choose the"
                    + " Delivyr SMS channels and only the attributes you use, and pass it with"
                    + " apiKey(key, OptimoveAccessType.INTEGRATIONS)"));
      }
      if (apiKeyAccessType == null) {
        if (apiKey != null) {
          problems.add(
              ConfigurationProblem.of(
                  "apiKeyAccessType",
                  null,
                  "declare the key's access type; it must be OptimoveAccessType.INTEGRATIONS"));
        }
      } else if (!OptimoveAccessType.INTEGRATIONS.equals(apiKeyAccessType)) {
        problems.add(
            ConfigurationProblem.of(
                "apiKeyAccessType",
                apiKeyAccessType,
                "do NOT use Admin or Transaction access types: generate a key with the"
                    + " Integrations access type"));
      }
    }

    private void checkAttributes(List<ConfigurationProblem> problems) {
      if (customerAttributes.isEmpty()) {
        problems.add(
            ConfigurationProblem.of(
                "customerAttributes",
                null,
                "select the attributes used in messages, the phone number attribute first (use"
                    + " find-attributes with a sample customer id to list them)"));
        return;
      }
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < customerAttributes.size(); i++) {
        String a = customerAttributes.get(i);
        String field = "customerAttributes[" + i + "]";
        if (a == null || a.isBlank()) {
          problems.add(ConfigurationProblem.of(field, a, "give the attribute's name in Optimove"));
        } else if (!a.equals(a.strip())) {
          problems.add(ConfigurationProblem.of(field, a, "remove the surrounding whitespace"));
        } else if (!seen.add(a.toUpperCase(Locale.ROOT))) {
          problems.add(ConfigurationProblem.of(field, a, "remove the duplicate attribute"));
        }
      }
      String first = customerAttributes.get(0);
      if (first == null || first.isBlank()) {
        return;
      }
      if (phoneNumberAttribute != null) {
        if (!phoneNumberAttribute.equalsIgnoreCase(first)) {
          problems.add(
              ConfigurationProblem.of(
                  "customerAttributes",
                  customerAttributes,
                  "the phone number must be the first in the list: move "
                      + phoneNumberAttribute
                      + " to the front"));
        }
      } else if (!looksLikePhone(first)) {
        String phoneLike = null;
        for (String a : customerAttributes) {
          if (a != null && looksLikePhone(a)) {
            phoneLike = a;
            break;
          }
        }
        problems.add(
            ConfigurationProblem.of(
                "customerAttributes",
                customerAttributes,
                phoneLike != null
                    ? "the phone number must be the first in the list: move "
                        + phoneLike
                        + " to the front"
                    : "the phone number must be the first in the list: put the phone number"
                        + " attribute first, or name it with phoneNumberAttribute(...) if its"
                        + " name does not contain PHONE, MOBILE, MSISDN or CELL"));
      }
    }

    private void checkOverrides(List<ConfigurationProblem> problems) {
      Set<String> allowed = new HashSet<>();
      allowed.add(PHONE_OVERRIDE);
      for (String a : customerAttributes) {
        if (a != null) {
          allowed.add(a.toUpperCase(Locale.ROOT));
        }
      }
      for (Map.Entry<String, String> e : triggeredOverrides.entrySet()) {
        String key = e.getKey();
        String field = "triggeredOverrides[" + key + "]";
        if (key == null
            || !(key.equals(PHONE_OVERRIDE) || allowed.contains(key.toUpperCase(Locale.ROOT)))) {
          problems.add(
              ConfigurationProblem.of(
                  field,
                  key,
                  "override 'phone' or one of the selected customerAttributes "
                      + customerAttributes));
        }
        String path = e.getValue();
        if (path == null || !PATH.matcher(path).matches()) {
          problems.add(
              ConfigurationProblem.of(
                  field,
                  path,
                  "give the dotted path of the value in the trigger payload, e.g."
                      + " personalization.purchase.mobile_number"));
        }
      }
    }

    private void checkTenant(List<ConfigurationProblem> problems) {
      if (tenantId != null && tenantToken == null) {
        problems.add(
            ConfigurationProblem.ofSecret(
                "tenantToken",
                "give the tenant token together with the tenant id (ask your account manager or"
                    + " Delivyr support), or remove the tenant id"));
      }
      if (tenantId == null && tenantToken != null) {
        problems.add(
            ConfigurationProblem.of(
                "tenantId",
                null,
                "give the tenant id together with the tenant token (ask your account manager or"
                    + " Delivyr support), or remove the token"));
      }
      if (tenantId != null && !TENANT_ID.matcher(tenantId).matches()) {
        problems.add(
            ConfigurationProblem.of(
                "tenantId",
                tenantId,
                "give the tenant id from your account manager (letters, digits and '-'; usually a number)"));
      }
    }

    private void checkDefaultUrl(List<ConfigurationProblem> problems) {
      if (defaultUrl == null) {
        return;
      }
      String fix = "give an absolute https URL such as https://www.example.com/offers";
      try {
        URI uri = new URI(defaultUrl);
        if (!uri.isAbsolute()
            || !"https".equalsIgnoreCase(uri.getScheme())
            || uri.getHost() == null) {
          problems.add(ConfigurationProblem.of("defaultUrl", defaultUrl, fix));
        }
      } catch (URISyntaxException e) {
        problems.add(ConfigurationProblem.of("defaultUrl", defaultUrl, fix));
      }
    }
  }

  /**
   * Whether an attribute name looks like a phone number attribute: ignoring case, {@code _}, {@code
   * -} and spaces, it contains {@code PHONE}, {@code MOBILE}, {@code MSISDN} or {@code CELL} (the
   * same heuristic as {@link CustomerAttributes#looksLikePhoneAttribute(String)}).
   *
   * @param attribute an attribute name
   * @return true if it looks like a phone number attribute
   */
  public static boolean looksLikePhone(String attribute) {
    return CustomerAttributes.looksLikePhoneAttribute(attribute);
  }
}

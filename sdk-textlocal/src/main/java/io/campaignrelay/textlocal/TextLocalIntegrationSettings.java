package io.campaignrelay.textlocal;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.template.TemplatePrefix;
import io.campaignrelay.core.template.TemplateRouting;
import io.campaignrelay.textlocal.models.CustomField;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of Optimove's TextLocal integration, as the guide lists them: the credentials of a
 * dedicated administrator-level API account (API key, username, password, API login URL), the
 * contact group to connect (id and name) and which of Custom 1/2/3 holds the CustomerID, an
 * optional sender name for Optimove's campaigns, and any extra contact groups, each with its
 * template prefix (three letters and an underscore, e.g. {@code OPT_}).
 *
 * <p>{@link Builder#build()} lists every problem at once: missing values, a credential containing
 * {@code $}, {@code &} or {@code =} (the guide forbids them), a prefix of the wrong format, two
 * groups with the same prefix (compared ignoring case, since TextLocal's matching rule is not
 * documented), a group given twice, a missing key field. Immutable and thread-safe; {@code
 * toString()} never shows a credential.
 */
public final class TextLocalIntegrationSettings {

  /** Characters the guide forbids in the credentials. */
  public static final String FORBIDDEN_CREDENTIAL_CHARACTERS = "$&=";

  /**
   * An additional contact group and the prefix of its templates.
   *
   * @param groupId the group id
   * @param prefix the template name prefix
   */
  public record ExtraGroup(String groupId, TemplatePrefix prefix) {}

  private final Secret apiKey;
  private final String username;
  private final Secret password;
  private final String apiLoginUrl;
  private final String groupId;
  private final String groupName;
  private final TemplatePrefix groupPrefix;
  private final CustomField keyField;
  private final String senderName;
  private final List<ExtraGroup> extraGroups;

  private TextLocalIntegrationSettings(
      Builder b, TemplatePrefix groupPrefix, List<ExtraGroup> extras) {
    this.apiKey = b.apiKey;
    this.username = b.username;
    this.password = b.password;
    this.apiLoginUrl = b.apiLoginUrl.endsWith("/") ? b.apiLoginUrl : b.apiLoginUrl + "/";
    this.groupId = b.groupId;
    this.groupName = b.groupName;
    this.groupPrefix = groupPrefix;
    this.keyField = b.keyField;
    this.senderName = b.senderName;
    this.extraGroups = List.copyOf(extras);
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The API key.
   *
   * @return the key
   */
  public Secret apiKey() {
    return apiKey;
  }

  /**
   * The API account's username.
   *
   * @return the username
   */
  public String username() {
    return username;
  }

  /**
   * The API account's password.
   *
   * @return the password
   */
  public Secret password() {
    return password;
  }

  /**
   * The API login URL, ending with {@code /}.
   *
   * @return e.g. {@code https://api.txtlocal.com/}
   */
  public String apiLoginUrl() {
    return apiLoginUrl;
  }

  /**
   * The connected contact group's id.
   *
   * @return the id
   */
  public String groupId() {
    return groupId;
  }

  /**
   * The connected contact group's name.
   *
   * @return the name
   */
  public String groupName() {
    return groupName;
  }

  /**
   * The main group's template prefix, when its templates are also prefixed.
   *
   * @return the prefix, if any
   */
  public Optional<TemplatePrefix> groupPrefix() {
    return Optional.ofNullable(groupPrefix);
  }

  /**
   * Which custom field holds the CustomerID.
   *
   * @return the field
   */
  public CustomField keyField() {
    return keyField;
  }

  /**
   * The sender name for Optimove's campaigns; absent means the account's default.
   *
   * @return the sender, if set
   */
  public Optional<String> senderName() {
    return Optional.ofNullable(senderName);
  }

  /**
   * The extra contact groups.
   *
   * @return the groups, in configuration order
   */
  public List<ExtraGroup> extraGroups() {
    return extraGroups;
  }

  /**
   * The credential the client logs in with (the API key).
   *
   * @return the credential
   */
  public TextLocalCredential credential() {
    return TextLocalCredential.apiKey(apiKey);
  }

  /**
   * A client on the API login URL with the API key.
   *
   * @param options the transport options (endpoint and clock are taken from here unless set)
   * @return a client builder ready to build
   */
  public TextLocalClient.Builder clientBuilder(io.campaignrelay.core.http.ClientOptions options) {
    return TextLocalClient.builder()
        .clientOptions(options)
        .endpoint(options.endpoint().orElse(apiLoginUrl))
        .credential(credential());
  }

  /**
   * How templates are routed to groups: each extra group by its prefix; the main group by its
   * prefix when it has one, otherwise it takes every template matching no prefix.
   *
   * @return the routing
   */
  public TemplateRouting routing() {
    TemplateRouting.Builder r = TemplateRouting.builder();
    if (groupPrefix != null) {
      r.group(groupId, groupPrefix);
    } else {
      r.defaultGroup(groupId);
    }
    for (ExtraGroup g : extraGroups) {
      r.group(g.groupId(), g.prefix());
    }
    return r.build();
  }

  /** Shows the groups and URL; never a credential. */
  @Override
  public String toString() {
    return "TextLocalIntegrationSettings{apiLoginUrl="
        + apiLoginUrl
        + ", group="
        + groupId
        + " ("
        + groupName
        + "), keyField="
        + keyField
        + ", extraGroups="
        + extraGroups
        + ", credentials="
        + Secret.REDACTED
        + '}';
  }

  /** Builds {@link TextLocalIntegrationSettings}. Not thread-safe. */
  public static final class Builder {
    private Secret apiKey;
    private String username;
    private Secret password;
    private String apiLoginUrl = TextLocalClient.UK_ENDPOINT;
    private String groupId;
    private String groupName;
    private String groupPrefix;
    private CustomField keyField;
    private String senderName;
    private final Map<String, String> extraGroups = new LinkedHashMap<>();
    private final List<String> repeatedGroups = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the API key.
     *
     * @param apiKey the key; must not contain {@code $ & =}
     * @return this builder
     */
    public Builder apiKey(Secret apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /**
     * Sets the API account's username.
     *
     * @param username the username; must not contain {@code $ & =}
     * @return this builder
     */
    public Builder username(String username) {
      this.username = username;
      return this;
    }

    /**
     * Sets the API account's password.
     *
     * @param password the password; must not contain {@code $ & =}
     * @return this builder
     */
    public Builder password(Secret password) {
      this.password = password;
      return this;
    }

    /**
     * Sets the API login URL.
     *
     * @param apiLoginUrl e.g. {@code https://api.txtlocal.com} (the default)
     * @return this builder
     */
    public Builder apiLoginUrl(String apiLoginUrl) {
      this.apiLoginUrl = apiLoginUrl;
      return this;
    }

    /**
     * Sets the contact group to connect.
     *
     * @param id the group id
     * @param name the group name
     * @return this builder
     */
    public Builder contactGroup(String id, String name) {
      this.groupId = id;
      this.groupName = name;
      return this;
    }

    /**
     * Gives the main group a template prefix too (otherwise it takes templates matching no prefix).
     *
     * @param prefix three letters and an underscore, or null
     * @return this builder
     */
    public Builder contactGroupPrefix(String prefix) {
      this.groupPrefix = prefix;
      return this;
    }

    /**
     * Sets which custom field holds the CustomerID.
     *
     * @param keyField Custom 1, 2 or 3
     * @return this builder
     */
    public Builder keyField(CustomField keyField) {
      this.keyField = keyField;
      return this;
    }

    /**
     * Sets the sender name of Optimove's campaigns.
     *
     * @param senderName the sender, or null for the account default
     * @return this builder
     */
    public Builder senderName(String senderName) {
      this.senderName = senderName;
      return this;
    }

    /**
     * Adds an extra contact group.
     *
     * @param id the group id
     * @param templatePrefix its template prefix, three letters and an underscore
     * @return this builder
     */
    public Builder addGroup(String id, String templatePrefix) {
      if (extraGroups.containsKey(id)) {
        repeatedGroups.add(id);
      }
      extraGroups.put(id, templatePrefix);
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return the settings
     * @throws ConfigurationException listing every problem
     */
    public TextLocalIntegrationSettings build() {
      List<ConfigurationProblem> p = new ArrayList<>();
      checkSecret(p, "apiKey", apiKey == null ? null : apiKey.reveal());
      checkSecret(p, "username", username);
      checkSecret(p, "password", password == null ? null : password.reveal());
      checkUrl(p);
      if (groupId == null || groupId.isBlank()) {
        p.add(ConfigurationProblem.of("contactGroup.id", groupId, "give the contact group's ID"));
      }
      if (groupName == null || groupName.isBlank()) {
        p.add(
            ConfigurationProblem.of(
                "contactGroup.name", groupName, "give the contact group's name"));
      }
      if (keyField == null) {
        p.add(
            ConfigurationProblem.of(
                "keyField",
                null,
                "say which of Custom 1, 2 or 3 holds the CustomerID (e.g. CustomField.CUSTOM1)"));
      }
      if (senderName != null && (senderName.isBlank() || senderName.length() > 13)) {
        p.add(
            ConfigurationProblem.of(
                "senderName", senderName, "use a sender name of 1 to 11 characters (13 digits)"));
      }
      Set<String> seenPrefixes = new HashSet<>();
      TemplatePrefix mainPrefix = null;
      if (groupPrefix != null) {
        mainPrefix = prefix(p, "contactGroupPrefix", groupPrefix);
        if (mainPrefix != null) {
          seenPrefixes.add(mainPrefix.value().toUpperCase(Locale.ROOT));
        }
      }
      for (String repeated : repeatedGroups) {
        p.add(ConfigurationProblem.of("groups", repeated, "give each contact group once"));
      }
      List<ExtraGroup> extras = new ArrayList<>();
      for (Map.Entry<String, String> e : extraGroups.entrySet()) {
        String field = "groups[" + e.getKey() + "].prefix";
        if (e.getKey() == null || e.getKey().isBlank()) {
          p.add(ConfigurationProblem.of("groups.id", e.getKey(), "give the group's ID"));
          continue;
        }
        if (e.getKey().equals(groupId)) {
          p.add(
              ConfigurationProblem.of(
                  "groups", e.getKey(), "is the main contact group: add only other groups"));
        }
        TemplatePrefix prefix = prefix(p, field, e.getValue());
        if (prefix == null) {
          continue;
        }
        if (!seenPrefixes.add(prefix.value().toUpperCase(Locale.ROOT))) {
          p.add(
              ConfigurationProblem.of(
                  field,
                  prefix.value(),
                  "is used by another group: give each group its own prefix"));
          continue;
        }
        extras.add(new ExtraGroup(e.getKey(), prefix));
      }
      ConfigurationException.throwIfAny("TextLocal integration settings", p);
      return new TextLocalIntegrationSettings(this, mainPrefix, extras);
    }

    private static TemplatePrefix prefix(List<ConfigurationProblem> p, String field, String v) {
      try {
        return TemplatePrefix.of(v);
      } catch (ConfigurationException e) {
        p.add(
            ConfigurationProblem.of(
                field, v, "use three letters followed by an underscore, e.g. OPT_"));
        return null;
      }
    }

    private static void checkSecret(List<ConfigurationProblem> p, String field, String value) {
      if (value == null || value.isBlank()) {
        p.add(ConfigurationProblem.of(field, null, "give the TextLocal API account's " + field));
        return;
      }
      for (char c : FORBIDDEN_CREDENTIAL_CHARACTERS.toCharArray()) {
        if (value.indexOf(c) >= 0) {
          ConfigurationProblem problem =
              ConfigurationProblem.ofSecret(
                  field,
                  "contains '"
                      + c
                      + "': TextLocal credentials given to Optimove may not contain $ & =;"
                      + " create API credentials without them");
          p.add(
              field.equals("username")
                  ? ConfigurationProblem.of(field, "(hidden)", problem.fix())
                  : problem);
          return;
        }
      }
    }

    private void checkUrl(List<ConfigurationProblem> p) {
      try {
        URI u = URI.create(apiLoginUrl == null ? "" : apiLoginUrl.trim());
        if (u.getHost() == null
            || !("https".equalsIgnoreCase(u.getScheme())
                || "http".equalsIgnoreCase(u.getScheme()))) {
          p.add(
              ConfigurationProblem.of(
                  "apiLoginUrl",
                  apiLoginUrl,
                  "give an absolute URL such as https://api.txtlocal.com"));
        }
      } catch (IllegalArgumentException e) {
        p.add(
            ConfigurationProblem.of(
                "apiLoginUrl",
                apiLoginUrl,
                "give an absolute URL such as https://api.txtlocal.com"));
      }
    }
  }
}

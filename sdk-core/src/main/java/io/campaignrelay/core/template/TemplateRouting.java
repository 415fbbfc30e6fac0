package io.campaignrelay.core.template;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.implementation.Texts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Routes templates to contact groups by name prefix, for an account with several contact groups:
 * each group has a {@link TemplatePrefix}, and a template belongs to the group whose prefix its
 * name starts with. Optionally one default group (the account's main group, configured without a
 * prefix) takes templates that match no prefix.
 *
 * <p>{@link #importTemplates(Collection)} reports every template that matches no group (and there
 * is no default group) or more than one group (two groups with the same prefix, or prefixes equal
 * ignoring case when matching ignores case); such templates are not imported. Immutable and
 * thread-safe.
 */
public final class TemplateRouting {

  private final Map<String, TemplatePrefix> groups; // group id -> prefix, in configuration order
  private final String defaultGroup;
  private final boolean caseSensitive;

  private TemplateRouting(Builder b) {
    this.groups = Collections.unmodifiableMap(new LinkedHashMap<>(b.groups));
    this.defaultGroup = b.defaultGroup;
    this.caseSensitive = b.caseSensitive;
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
   * The prefixed groups, by group id, in configuration order.
   *
   * @return an unmodifiable map
   */
  public Map<String, TemplatePrefix> groups() {
    return groups;
  }

  /**
   * The group that takes templates matching no prefix.
   *
   * @return the group id, or empty
   */
  public Optional<String> defaultGroup() {
    return Optional.ofNullable(defaultGroup);
  }

  /**
   * Whether prefixes are compared case-sensitively.
   *
   * @return true if case-sensitive (the default)
   */
  public boolean caseSensitive() {
    return caseSensitive;
  }

  /**
   * The groups whose prefix a template name starts with.
   *
   * @param templateName the name
   * @return the matching group ids in configuration order: empty (no match; the default group
   *     applies if set), one, or several (ambiguous)
   */
  public List<String> matchingGroups(String templateName) {
    List<String> result = new ArrayList<>(1);
    for (Map.Entry<String, TemplatePrefix> e : groups.entrySet()) {
      boolean m =
          caseSensitive
              ? e.getValue().matches(templateName)
              : e.getValue().matchesIgnoringCase(templateName);
      if (m) {
        result.add(e.getKey());
      }
    }
    return List.copyOf(result);
  }

  /**
   * Routes the templates of a daily import.
   *
   * @param templates the vendor's templates
   * @return which group each template goes to, and the templates that matched none or several
   */
  public TemplateImport importTemplates(Collection<Template> templates) {
    Objects.requireNonNull(templates, "templates");
    Map<String, List<Template>> byGroup = new LinkedHashMap<>();
    for (String g : groups.keySet()) {
      byGroup.put(g, new ArrayList<>());
    }
    if (defaultGroup != null) {
      byGroup.putIfAbsent(defaultGroup, new ArrayList<>());
    }
    List<Template> unmatched = new ArrayList<>();
    Map<Template, List<String>> ambiguous = new LinkedHashMap<>();
    for (Template t : templates) {
      List<String> matches = matchingGroups(t.name());
      if (matches.size() == 1) {
        byGroup.get(matches.get(0)).add(t);
      } else if (matches.size() > 1) {
        ambiguous.put(t, matches);
      } else if (defaultGroup != null) {
        byGroup.get(defaultGroup).add(t);
      } else {
        unmatched.add(t);
      }
    }
    return new TemplateImport(byGroup, unmatched, ambiguous);
  }

  @Override
  public String toString() {
    return "TemplateRouting{groups="
        + groups
        + (defaultGroup == null ? "" : ", defaultGroup=" + defaultGroup)
        + ", caseSensitive="
        + caseSensitive
        + '}';
  }

  /** Builds a {@link TemplateRouting}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, TemplatePrefix> groups = new LinkedHashMap<>();
    private String defaultGroup;
    private boolean caseSensitive = true;
    private final List<ConfigurationProblem> problems = new ArrayList<>();

    private Builder() {}

    /**
     * Adds a contact group and its template prefix.
     *
     * @param groupId the vendor's contact group id, not blank, each group once
     * @param prefix the group's template prefix
     * @return this builder
     */
    public Builder group(String groupId, TemplatePrefix prefix) {
      Objects.requireNonNull(prefix, "prefix");
      if (checkGroupId("groups", groupId)) {
        if (groups.containsKey(groupId)) {
          problems.add(
              ConfigurationProblem.of(
                  "groups[" + groupId + "]",
                  prefix,
                  "is configured twice: give each contact group one prefix"));
        } else {
          groups.put(groupId, prefix);
        }
      }
      return this;
    }

    /**
     * Sets the group that takes templates matching no prefix (optional).
     *
     * @param groupId the vendor's contact group id, or null for none
     * @return this builder
     */
    public Builder defaultGroup(String groupId) {
      if (groupId == null || checkGroupId("defaultGroup", groupId)) {
        this.defaultGroup = groupId;
      }
      return this;
    }

    /**
     * Sets whether prefixes are compared case-sensitively (default true; the vendor's behaviour is
     * not documented).
     *
     * @param caseSensitive true to compare exactly
     * @return this builder
     */
    public Builder caseSensitive(boolean caseSensitive) {
      this.caseSensitive = caseSensitive;
      return this;
    }

    private boolean checkGroupId(String field, String groupId) {
      if (groupId == null || groupId.isBlank() || !groupId.strip().equals(groupId)) {
        problems.add(
            ConfigurationProblem.of(
                field,
                Texts.printable(groupId),
                "has a blank or padded contact group id: give the vendor's group id"));
        return false;
      }
      return true;
    }

    /**
     * Builds the routing.
     *
     * @return the routing
     * @throws ConfigurationException if a group id is blank or repeated, the default group also has
     *     a prefix, or no group is configured
     */
    public TemplateRouting build() {
      List<ConfigurationProblem> p = new ArrayList<>(problems);
      if (defaultGroup != null && groups.containsKey(defaultGroup)) {
        p.add(
            ConfigurationProblem.of(
                "defaultGroup",
                defaultGroup,
                "also has the prefix "
                    + groups.get(defaultGroup)
                    + ": a group is either the default (no prefix) or prefixed"));
      }
      if (groups.isEmpty() && defaultGroup == null && p.isEmpty()) {
        p.add(
            ConfigurationProblem.of(
                "groups",
                "[]",
                "is empty: add at least one contact group with its prefix, or a default group"));
      }
      ConfigurationException.throwIfAny("template routing", p);
      return new TemplateRouting(this);
    }
  }
}

package io.campaignrelay.core.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of routing one import's templates to contact groups ({@link
 * TemplateRouting#importTemplates(java.util.Collection)}): the templates of each group, and the
 * templates that matched no group or several (which are not imported). Immutable.
 */
public final class TemplateImport {

  private final Map<String, List<Template>> byGroup;
  private final List<Template> unmatched;
  private final Map<Template, List<String>> ambiguous;

  TemplateImport(
      Map<String, List<Template>> byGroup,
      List<Template> unmatched,
      Map<Template, List<String>> ambiguous) {
    Map<String, List<Template>> g = new LinkedHashMap<>();
    byGroup.forEach((k, v) -> g.put(k, List.copyOf(v)));
    this.byGroup = Collections.unmodifiableMap(g);
    this.unmatched = List.copyOf(unmatched);
    Map<Template, List<String>> a = new LinkedHashMap<>();
    ambiguous.forEach((k, v) -> a.put(k, List.copyOf(v)));
    this.ambiguous = Collections.unmodifiableMap(a);
  }

  /**
   * The imported templates of each group (every configured group is present, possibly empty).
   *
   * @return an unmodifiable map in configuration order
   */
  public Map<String, List<Template>> byGroup() {
    return byGroup;
  }

  /**
   * The templates of one group.
   *
   * @param groupId the group
   * @return the templates, empty for an unknown group
   */
  public List<Template> templatesOf(String groupId) {
    return byGroup.getOrDefault(groupId, List.of());
  }

  /**
   * Templates whose name matches no group's prefix (and there is no default group).
   *
   * @return an unmodifiable list
   */
  public List<Template> unmatched() {
    return unmatched;
  }

  /**
   * Templates whose name matches several groups, with those groups.
   *
   * @return an unmodifiable map
   */
  public Map<Template, List<String>> ambiguous() {
    return ambiguous;
  }

  /**
   * Whether every template went to exactly one group.
   *
   * @return true if nothing was unmatched or ambiguous
   */
  public boolean isClean() {
    return unmatched.isEmpty() && ambiguous.isEmpty();
  }

  /**
   * One line per template that was not imported, saying why and how to fix it.
   *
   * @return the messages; empty when clean
   */
  public List<String> problems() {
    List<String> p = new ArrayList<>();
    for (Template t : unmatched) {
      p.add(
          "template '"
              + t.name()
              + "' ("
              + t.id()
              + ") matches no contact group's prefix and was not imported: rename it to start"
              + " with one group's prefix (three letters and '_', e.g. OPT_) or configure a"
              + " default group");
    }
    ambiguous.forEach(
        (t, groups) ->
            p.add(
                "template '"
                    + t.name()
                    + "' ("
                    + t.id()
                    + ") matches the prefixes of several contact groups "
                    + groups
                    + " and was not imported: give each group a distinct prefix"));
    return List.copyOf(p);
  }

  @Override
  public String toString() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    byGroup.forEach((k, v) -> counts.put(k, v.size()));
    return "TemplateImport{byGroup="
        + counts
        + ", unmatched="
        + unmatched.size()
        + ", ambiguous="
        + ambiguous.size()
        + '}';
  }
}

package io.campaignrelay.optimove;

import java.util.Locale;
import java.util.Objects;

/**
 * How Optimove function paths are spelled. The documented classic form is {@code
 * current/<category>/<Function>} with a lower-case category ({@link #CLASSIC}, the default); newer
 * reference pages and callers use {@code <Category>/<Function>} with a PascalCase category and no
 * {@code current} ({@link #UNVERSIONED}). Both appear to be served by the same hosts (INFERRED), so
 * the style is configurable; {@link #of(String, boolean)} covers any other prefix. Immutable.
 */
public final class OptimovePathStyle {

  /** {@code current/integrations/AddChannelTemplates}: the documented form. */
  public static final OptimovePathStyle CLASSIC = new OptimovePathStyle("current/", false);

  /** {@code Integrations/AddChannelTemplates}: the newer form. */
  public static final OptimovePathStyle UNVERSIONED = new OptimovePathStyle("", true);

  private final String prefix;
  private final boolean pascalCaseCategories;

  private OptimovePathStyle(String prefix, boolean pascalCaseCategories) {
    this.prefix = prefix;
    this.pascalCaseCategories = pascalCaseCategories;
  }

  /**
   * A custom style.
   *
   * @param prefix a path prefix such as {@code "current/"} (a missing trailing {@code /} is added),
   *     or empty
   * @param pascalCaseCategories true for {@code Customers}, false for {@code customers}
   * @return the style
   * @throws IllegalArgumentException if the prefix starts with {@code /} or contains {@code ..}
   */
  public static OptimovePathStyle of(String prefix, boolean pascalCaseCategories) {
    Objects.requireNonNull(prefix, "prefix");
    String p = prefix.strip();
    if (p.startsWith("/") || p.contains("..") || p.contains("?") || p.contains("#")) {
      throw new IllegalArgumentException(
          "path prefix '"
              + prefix
              + "' must be relative to the endpoint (no leading '/', '..', '?' or '#'), e.g."
              + " 'current/'");
    }
    if (!p.isEmpty() && !p.endsWith("/")) {
      p = p + "/";
    }
    return new OptimovePathStyle(p, pascalCaseCategories);
  }

  /**
   * The prefix before the category.
   *
   * @return e.g. {@code "current/"}, or empty
   */
  public String prefix() {
    return prefix;
  }

  /**
   * Whether categories are PascalCase.
   *
   * @return true for {@code Customers}
   */
  public boolean pascalCaseCategories() {
    return pascalCaseCategories;
  }

  /**
   * The path of a category in this style.
   *
   * @param category a category such as {@code "customers"}
   * @return e.g. {@code "current/customers"} or {@code "Customers"}
   */
  public String category(String category) {
    String c = category.toLowerCase(Locale.ROOT);
    if (pascalCaseCategories) {
      c = Character.toUpperCase(c.charAt(0)) + c.substring(1);
    }
    return prefix + c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OptimovePathStyle s
        && s.prefix.equals(prefix)
        && s.pascalCaseCategories == pascalCaseCategories;
  }

  @Override
  public int hashCode() {
    return Objects.hash(prefix, pascalCaseCategories);
  }

  @Override
  public String toString() {
    return "OptimovePathStyle{" + category("Category") + "/<Function>}";
  }
}

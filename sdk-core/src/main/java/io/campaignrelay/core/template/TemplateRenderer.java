package io.campaignrelay.core.template;

import java.util.List;

/** Placeholder; completed below. */
public final class TemplateRenderer {
  private TemplateRenderer() {}

  static List<String> tagsOf(String body) {
    return TagScanner.tags(body);
  }

  /**
   * Whether a text is a valid tag name.
   *
   * @param name the name without brackets
   * @return true if letters, digits and underscores only
   */
  public static boolean isValidTagName(String name) {
    return TagScanner.isValidName(name);
  }
}

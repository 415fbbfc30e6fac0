package io.campaignrelay.core.template;

/**
 * What the {@link TemplateRenderer} does with a tag it cannot fill: an unknown tag (no attribute,
 * promotion code or URL of that name), a missing value (the attribute is there but has no value) or
 * an empty value (blank text).
 */
public enum MissingValuePolicy {
  /**
   * The recipient fails: the render result lists every problem and has no text, and the engine
   * drops that recipient. The default, so that nobody receives "Hello ,".
   */
  FAIL_RECIPIENT,
  /**
   * Use the default the template declares for that tag ({@link Template#defaultFor(String)}); a tag
   * without a declared default still fails the recipient.
   */
  USE_TEMPLATE_DEFAULT
}

package io.campaignrelay.core.template;

import java.util.Objects;

/**
 * One reason a template could not be filled for a recipient.
 *
 * @param kind what went wrong
 * @param tag the tag name, or the malformed text for {@link Kind#MALFORMED_TAG}
 * @param position the tag's offset in the template body
 * @param message what went wrong and how to fix it
 */
public record RenderProblem(Kind kind, String tag, int position, String message) {

  /** What went wrong with a tag. */
  public enum Kind {
    /** No attribute, promotion code or URL has the tag's name. */
    UNKNOWN_TAG,
    /** The tag is known but has no value for this recipient. */
    MISSING_VALUE,
    /** The tag's value is empty or blank for this recipient. */
    EMPTY_VALUE,
    /** Text that starts like a tag but is not one ({@code [%} without {@code %]}, bad name). */
    MALFORMED_TAG
  }

  /**
   * Validates the components.
   *
   * @throws NullPointerException if a component is null
   */
  public RenderProblem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(message, "message");
  }

  /** Returns the message. */
  @Override
  public String toString() {
    return message;
  }
}

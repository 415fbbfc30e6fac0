package io.campaignrelay.core;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/**
 * Base of the SDK's expandable enumerations whose wire form is a number (event type ids, metric
 * ids). An unknown number does not fail parsing: it becomes an instance that keeps the number and
 * has no name, and {@link #isKnown()} is false. Compare with {@code equals}, never {@code ==}.
 * Declare constants through an {@link ExpandableIntValues} registry (see {@link
 * ExpandableStringEnum} for the pattern).
 *
 * @param <T> the subclass
 */
public abstract class ExpandableIntEnum<T extends ExpandableIntEnum<T>> {
  private final int id;
  private final String name;

  /**
   * Creates a value.
   *
   * @param id the wire number
   * @param name the constant's name, or null for a number this SDK does not know
   */
  protected ExpandableIntEnum(int id, String name) {
    this.id = id;
    this.name = name;
  }

  /**
   * The wire number.
   *
   * @return the id
   */
  @JsonValue
  public final int id() {
    return id;
  }

  /**
   * The constant's name, e.g. {@code "DELIVERED"}.
   *
   * @return the name, empty for a number this SDK does not know
   */
  public final Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /**
   * Whether this SDK version knows the number.
   *
   * @return true for the subclass's constants
   */
  public final boolean isKnown() {
    return name != null;
  }

  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && ((ExpandableIntEnum<?>) o).id == id;
  }

  @Override
  public final int hashCode() {
    return getClass().hashCode() * 31 + id;
  }

  /** Returns e.g. {@code DELIVERED(1)}, or {@code UNKNOWN(99)}. */
  @Override
  public final String toString() {
    return (name == null ? "UNKNOWN" : name) + "(" + id + ")";
  }
}

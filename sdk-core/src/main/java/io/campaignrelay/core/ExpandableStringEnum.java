package io.campaignrelay.core;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * Base of the SDK's expandable enumerations: values a vendor may add to (statuses, event types,
 * channels). Unlike a Java {@code enum}, an unknown wire value does not fail parsing: it becomes an
 * instance that keeps the raw text, and {@link #isKnown()} says whether this SDK version knows it.
 * Compare with {@code equals}, never {@code ==}.
 *
 * <p>A subclass declares its constants through an {@link ExpandableValues} registry:
 *
 * <pre>{@code
 * public final class Status extends ExpandableStringEnum<Status> {
 *   private static final ExpandableValues<Status> VALUES = ExpandableValues.create(Status::new);
 *   public static final Status SENT = VALUES.register("sent");
 *
 *   private Status(String value) { super(value); }
 *
 *   @JsonCreator
 *   public static Status fromString(String value) { return VALUES.fromString(value); }
 *
 *   public static List<Status> values() { return VALUES.known(); }
 *
 *   @Override
 *   public boolean isKnown() { return VALUES.isKnown(this); }
 * }
 * }</pre>
 *
 * @param <T> the subclass
 */
public abstract class ExpandableStringEnum<T extends ExpandableStringEnum<T>> {
  private final String value;

  /**
   * Creates a value.
   *
   * @param value the wire value; not null
   */
  protected ExpandableStringEnum(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  /**
   * The wire value, as the vendor sends it.
   *
   * @return the value
   */
  @JsonValue
  public final String value() {
    return value;
  }

  /**
   * Whether this SDK version knows the value (it is one of the subclass's constants).
   *
   * @return true for a known constant, false for a value kept from the wire
   */
  public abstract boolean isKnown();

  @Override
  public final boolean equals(Object o) {
    return o != null
        && o.getClass() == getClass()
        && value.equals(((ExpandableStringEnum<?>) o).value);
  }

  @Override
  public final int hashCode() {
    return getClass().hashCode() * 31 + value.hashCode();
  }

  /** Returns the wire value. */
  @Override
  public final String toString() {
    return value;
  }
}

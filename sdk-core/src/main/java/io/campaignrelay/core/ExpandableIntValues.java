package io.campaignrelay.core;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The registry of an {@link ExpandableIntEnum} subclass: its known constants and the lookups that
 * keep unknown numbers. Thread-safe once the subclass's static initialisation has run.
 *
 * @param <T> the enumeration type
 */
public final class ExpandableIntValues<T extends ExpandableIntEnum<T>> {

  /**
   * Creates an instance of the enumeration.
   *
   * @param <T> the enumeration type
   */
  @FunctionalInterface
  public interface Factory<T> {
    /**
     * Calls the subclass's private constructor.
     *
     * @param id the wire number
     * @param name the constant's name, or null for an unknown number
     * @return the instance
     */
    T create(int id, String name);
  }

  private final String typeName;
  private final Factory<T> factory;
  private final Map<Integer, T> known = new LinkedHashMap<>();

  private ExpandableIntValues(String typeName, Factory<T> factory) {
    this.typeName = typeName;
    this.factory = factory;
  }

  /**
   * Creates a registry.
   *
   * @param typeName the type's name for error messages, e.g. {@code "MetricId"}
   * @param factory the subclass's private constructor
   * @param <T> the enumeration type
   * @return the registry
   */
  public static <T extends ExpandableIntEnum<T>> ExpandableIntValues<T> create(
      String typeName, Factory<T> factory) {
    return new ExpandableIntValues<>(
        Objects.requireNonNull(typeName, "typeName"), Objects.requireNonNull(factory, "factory"));
  }

  /**
   * Declares a known constant; call from the subclass's static initialisers only.
   *
   * @param id the wire number
   * @param name the constant's name
   * @return the constant
   */
  public T register(int id, String name) {
    T t = factory.create(id, Objects.requireNonNull(name, "name"));
    known.put(id, t);
    return t;
  }

  /**
   * The value for a wire number.
   *
   * @param id the number
   * @return the known constant, or a new nameless instance keeping the number
   */
  public T of(int id) {
    T t = known.get(id);
    return t != null ? t : factory.create(id, null);
  }

  /**
   * Reads a value from text: the number, or a known constant's name in any case (spaces read as
   * underscores).
   *
   * @param value e.g. {@code "1"} or {@code "delivered"}
   * @return the value
   * @throws IllegalArgumentException naming the accepted values if the text is neither a number nor
   *     a known name
   */
  public T fromString(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          typeName + " is blank: give a number or one of " + known.values());
    }
    String v = value.strip();
    try {
      return of(Integer.parseInt(v));
    } catch (NumberFormatException notNumber) {
      String upper = v.toUpperCase(Locale.ROOT).replace(' ', '_');
      for (T k : known.values()) {
        if (k.name().orElse("").equals(upper)) {
          return k;
        }
      }
      throw new IllegalArgumentException(
          typeName + " '" + v + "' is unknown: give a number or one of " + known.values());
    }
  }

  /**
   * The known constants, in declaration order.
   *
   * @return an unmodifiable collection
   */
  public Collection<T> known() {
    return Collections.unmodifiableCollection(known.values());
  }
}

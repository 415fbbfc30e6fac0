package io.campaignrelay.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The registry of an {@link ExpandableStringEnum} subclass: its known constants and the lookup that
 * keeps unknown wire values. Matching is case-insensitive and ignores surrounding spaces. Thread
 * safe once the subclass's static initialisation has run.
 *
 * @param <T> the enumeration type
 */
public final class ExpandableValues<T extends ExpandableStringEnum<T>> {
  private final Function<String, T> factory;
  private final List<T> known = new ArrayList<>();
  private final Map<String, T> byKey = new ConcurrentHashMap<>();

  private ExpandableValues(Function<String, T> factory) {
    this.factory = factory;
  }

  /**
   * Creates a registry.
   *
   * @param factory the subclass's private constructor
   * @param <T> the enumeration type
   * @return the registry
   */
  public static <T extends ExpandableStringEnum<T>> ExpandableValues<T> create(
      Function<String, T> factory) {
    return new ExpandableValues<>(Objects.requireNonNull(factory, "factory"));
  }

  /**
   * Declares a known constant; call from the subclass's static initialisers only.
   *
   * @param value the wire value
   * @return the constant
   */
  public T register(String value) {
    T t = factory.apply(value);
    known.add(t);
    byKey.put(key(value), t);
    return t;
  }

  /**
   * Looks up a wire value.
   *
   * @param value the wire value, any case
   * @return the known constant, or a new instance keeping the trimmed raw value; null for null
   */
  public T fromString(String value) {
    if (value == null) {
      return null;
    }
    T t = byKey.get(key(value));
    return t != null ? t : factory.apply(value.trim());
  }

  /**
   * The known constants, in declaration order.
   *
   * @return an unmodifiable list
   */
  public List<T> known() {
    return Collections.unmodifiableList(known);
  }

  /**
   * Whether a value is one of the known constants.
   *
   * @param value the value
   * @return true if known
   */
  public boolean isKnown(T value) {
    return value != null && value.equals(byKey.get(key(value.value())));
  }

  private static String key(String value) {
    return value.trim().toLowerCase(Locale.ROOT);
  }
}

package io.campaignrelay.core;

import io.campaignrelay.core.implementation.Texts;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;

/**
 * A customer's attributes as the marketing platform returns them: an ordered list of names and
 * values, in the order they were requested. Order matters: the platform returns values
 * positionally, and the SMS-channel guide requires that "the phone number must be the first in the
 * list" ({@link #phoneNumberFirst(PhoneNumberParser)}, {@link #requirePhoneFirst(String, List)}).
 *
 * <p>A value may be absent (the platform returned null) or empty; templates report both (see the
 * template renderer). Names are unique ignoring case. Immutable and thread-safe.
 */
public final class CustomerAttributes {

  private static final CustomerAttributes EMPTY =
      new CustomerAttributes(List.of(), List.of(), Map.of());

  private final List<String> names;
  private final List<String> values; // elements may be null: "no value"
  private final Map<String, Integer> index; // upper-case name -> position

  private CustomerAttributes(List<String> names, List<String> values, Map<String, Integer> index) {
    this.names = names;
    this.values = values;
    this.index = index;
  }

  /**
   * No attributes.
   *
   * @return the empty list
   */
  public static CustomerAttributes empty() {
    return EMPTY;
  }

  /**
   * Attributes from parallel lists, as the platform returns them (requested names, positional
   * values).
   *
   * @param names the attribute names, in order
   * @param values the values in the same order; elements may be null for "no value"
   * @return the attributes
   * @throws ConfigurationException if the lists differ in length, or a name is blank or repeated
   */
  public static CustomerAttributes of(List<String> names, List<String> values) {
    Objects.requireNonNull(names, "names");
    Objects.requireNonNull(values, "values");
    if (names.size() != values.size()) {
      throw new ConfigurationException(
          "customer attributes",
          ConfigurationProblem.of(
              "customerAttributes",
              names.size() + " names, " + values.size() + " values",
              "names and values differ in number: the platform returns one value per requested"
                  + " attribute, in the requested order; request and read the same attributes"));
    }
    Builder b = builder();
    for (int i = 0; i < names.size(); i++) {
      b.add(names.get(i), values.get(i));
    }
    return b.build();
  }

  /**
   * Another customer's attributes of the same names: these names, in order, with the given values.
   * The names and their index are shared, not validated or built again, so a platform listing that
   * returns the same requested attributes for every row builds the name part once (build it with
   * {@link #of(List, List)} and null values, then call this per row).
   *
   * @param values one value per name, in order; elements may be null for "no value"
   * @return the attributes
   * @throws ConfigurationException if the number of values differs from the number of names
   */
  public CustomerAttributes withValues(List<String> values) {
    Objects.requireNonNull(values, "values");
    if (values.size() != names.size()) {
      throw new ConfigurationException(
          "customer attributes",
          ConfigurationProblem.of(
              "customerAttributes",
              names.size() + " names, " + values.size() + " values",
              "names and values differ in number: the platform returns one value per requested"
                  + " attribute, in the requested order; request and read the same attributes"));
    }
    if (names.isEmpty()) {
      return EMPTY;
    }
    return new CustomerAttributes(names, new Values(values.toArray(new String[0])), index);
  }

  /**
   * Values of one row as an unmodifiable list over their own copy: one object per row instead of an
   * array view and an unmodifiable wrapper of it.
   */
  private static final class Values extends AbstractList<String> implements RandomAccess {
    private final String[] values;

    Values(String[] values) {
      this.values = values;
    }

    @Override
    public String get(int index) {
      return values[index];
    }

    @Override
    public int size() {
      return values.length;
    }
  }

  /**
   * A builder that keeps insertion order.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these attributes, to add more.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    for (int i = 0; i < names.size(); i++) {
      b.add(names.get(i), values.get(i));
    }
    return b;
  }

  /**
   * The names, in order.
   *
   * @return an unmodifiable list
   */
  public List<String> names() {
    return names;
  }

  /**
   * The values, in order; an element is null when the platform returned no value.
   *
   * @return an unmodifiable list
   */
  public List<String> values() {
    return values;
  }

  /**
   * The number of attributes.
   *
   * @return the size
   */
  public int size() {
    return names.size();
  }

  /**
   * Whether there are no attributes.
   *
   * @return true if empty
   */
  public boolean isEmpty() {
    return names.isEmpty();
  }

  /**
   * Whether an attribute of this name (ignoring case) is present, with or without a value.
   *
   * @param name the attribute name
   * @return true if present
   */
  public boolean contains(String name) {
    return index.containsKey(key(name));
  }

  /**
   * The value of an attribute, looked up ignoring case.
   *
   * @param name the attribute name
   * @return the value; empty if the attribute is absent or has no value
   */
  public Optional<String> value(String name) {
    Integer i = index.get(key(name));
    return i == null ? Optional.empty() : Optional.ofNullable(values.get(i));
  }

  /**
   * The position of an attribute, looked up ignoring case: with {@link #values()} it gives the
   * value without an {@link Optional}, and a caller that meets the same {@link #names()} list again
   * (rows of one listing share it, see {@link #withValues(List)}) may keep the position.
   *
   * @param name the attribute name
   * @return the zero-based position, or -1 if the attribute is absent
   */
  public int indexOf(String name) {
    Integer i = index.get(key(name));
    return i == null ? -1 : i;
  }

  /**
   * The value at a position.
   *
   * @param position zero-based
   * @return the value; empty if the platform returned none
   * @throws IndexOutOfBoundsException if there is no attribute at that position
   */
  public Optional<String> valueAt(int position) {
    return Optional.ofNullable(values.get(position));
  }

  /**
   * The attributes as a map in list order. Values may be null.
   *
   * @return an unmodifiable insertion-ordered map
   */
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      m.put(names.get(i), values.get(i));
    }
    return Collections.unmodifiableMap(m);
  }

  /**
   * Reads the phone number from the first attribute, as the SMS-channel guide requires ("the phone
   * number must be the first in the list").
   *
   * @param parser how to read the number
   * @return the number
   * @throws ConfigurationException if there are no attributes or the first has no value
   * @throws InvalidPhoneNumberException if the first value is not a phone number; the message says
   *     the phone number must come first
   */
  public PhoneNumber phoneNumberFirst(PhoneNumberParser parser) {
    Objects.requireNonNull(parser, "parser");
    if (names.isEmpty()) {
      throw new ConfigurationException(
          "customer attributes",
          ConfigurationProblem.of(
              "customerAttributes",
              "[]",
              "is empty: the phone number must be the first attribute in the list; request the"
                  + " phone attribute first"));
    }
    String first = values.get(0);
    if (first == null || first.isBlank()) {
      throw new ConfigurationException(
          "customer attributes",
          ConfigurationProblem.of(
              "customerAttributes[0] (" + names.get(0) + ")",
              first,
              "has no value: the phone number must be the first attribute in the list; check the"
                  + " attribute order and that this customer has a phone number"));
    }
    try {
      return parser.parse(first);
    } catch (InvalidPhoneNumberException e) {
      throw new InvalidPhoneNumberException(
          first,
          e.reason(),
          "in customerAttributes[0] ("
              + names.get(0)
              + ") is not a phone number ("
              + e.problems().get(0).fix()
              + "); the phone number must be the first attribute in the list");
    }
  }

  /**
   * Whether an attribute name looks like a phone-number attribute: ignoring case, {@code _}, {@code
   * -} and spaces, it contains {@code PHONE}, {@code MOBILE}, {@code MSISDN} or {@code CELL}. A
   * heuristic for configuration checks; pass the name explicitly to {@link
   * #requirePhoneFirst(String, List, String)} when your attribute is named otherwise.
   *
   * @param name the attribute name
   * @return true if it looks like a phone attribute
   */
  public static boolean looksLikePhoneAttribute(String name) {
    if (name == null) {
      return false;
    }
    String n = name.toUpperCase(Locale.ROOT).replace("_", "").replace("-", "").replace(" ", "");
    return n.contains("PHONE")
        || n.contains("MOBILE")
        || n.contains("MSISDN")
        || n.contains("CELL");
  }

  /**
   * Checks a configured attribute list: the phone number attribute, recognised by {@link
   * #looksLikePhoneAttribute(String)}, must be first.
   *
   * @param field the configuration field, e.g. {@code "customerAttributes"}
   * @param attributeNames the configured names, in order
   * @throws ConfigurationException if the list is empty or the first name is not a phone attribute
   */
  public static void requirePhoneFirst(String field, List<String> attributeNames) {
    Objects.requireNonNull(attributeNames, "attributeNames");
    String phone = null;
    for (String name : attributeNames) {
      if (looksLikePhoneAttribute(name)) {
        phone = name;
        break;
      }
    }
    if (phone == null && !attributeNames.isEmpty()) {
      throw new ConfigurationException(
          "customer attributes",
          ConfigurationProblem.of(
              field,
              attributeNames,
              "has no phone number attribute: the phone number must be the first in the list; add"
                  + " it first, or name it with requirePhoneFirst(field, names, phoneAttribute)"));
    }
    requirePhoneFirst(field, attributeNames, phone);
  }

  /**
   * Checks a configured attribute list: {@code phoneAttribute} must be first.
   *
   * @param field the configuration field, e.g. {@code "customerAttributes"}
   * @param attributeNames the configured names, in order
   * @param phoneAttribute the name of the phone number attribute (compared ignoring case)
   * @throws ConfigurationException if the list is empty or does not start with {@code
   *     phoneAttribute}
   */
  public static void requirePhoneFirst(
      String field, List<String> attributeNames, String phoneAttribute) {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(attributeNames, "attributeNames");
    if (attributeNames.isEmpty()) {
      throw new ConfigurationException(
          "customer attributes",
          ConfigurationProblem.of(
              field,
              "[]",
              "is empty: the phone number must be the first in the list; add the phone number"
                  + " attribute first, then the template variables"));
    }
    String first = attributeNames.get(0);
    if (phoneAttribute == null || first == null || !first.equalsIgnoreCase(phoneAttribute)) {
      int at = -1;
      for (int i = 0; i < attributeNames.size(); i++) {
        if (phoneAttribute != null && phoneAttribute.equalsIgnoreCase(attributeNames.get(i))) {
          at = i;
          break;
        }
      }
      String where =
          at < 0
              ? "'" + phoneAttribute + "' is not in the list"
              : "'" + phoneAttribute + "' is at position " + (at + 1);
      throw new ConfigurationException(
          "customer attributes",
          ConfigurationProblem.of(
              field,
              attributeNames,
              "starts with '"
                  + first
                  + "' but the phone number must be the first in the list ("
                  + where
                  + "): move the phone number attribute to the front"));
    }
  }

  private static String key(String name) {
    return name == null ? "" : name.toUpperCase(Locale.ROOT);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CustomerAttributes other
        && names.equals(other.names)
        && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return 31 * names.hashCode() + values.hashCode();
  }

  /** Lists the names only: values are personal data and are not printed. */
  @Override
  public String toString() {
    return "CustomerAttributes" + names;
  }

  /** Builds {@link CustomerAttributes} in insertion order. Not thread-safe. */
  public static final class Builder {
    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final List<ConfigurationProblem> problems = new ArrayList<>();

    private Builder() {}

    /**
     * Appends an attribute.
     *
     * @param name the attribute name; not blank, unique ignoring case
     * @param value the value; null when the platform returned none
     * @return this builder
     */
    public Builder add(String name, String value) {
      int position = names.size();
      if (name == null || name.isBlank() || !name.strip().equals(name)) {
        problems.add(
            ConfigurationProblem.of(
                "customerAttributes[" + position + "].name",
                Texts.printable(name),
                "is blank or padded: give the attribute's real field name"));
      } else if (index.containsKey(key(name))) {
        problems.add(
            ConfigurationProblem.of(
                "customerAttributes[" + position + "].name",
                name,
                "repeats the attribute at position "
                    + index.get(key(name))
                    + ": request each attribute once"));
      } else {
        index.put(key(name), position);
      }
      names.add(name);
      values.add(value);
      return this;
    }

    /**
     * Builds the attributes.
     *
     * @return the attributes
     * @throws ConfigurationException listing every blank or repeated name
     */
    public CustomerAttributes build() {
      ConfigurationException.throwIfAny("customer attributes", problems);
      if (names.isEmpty()) {
        return EMPTY;
      }
      return new CustomerAttributes(
          List.copyOf(names),
          Collections.unmodifiableList(new ArrayList<>(values)),
          Map.copyOf(index));
    }
  }
}

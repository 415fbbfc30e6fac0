package io.campaignrelay.core.sms;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.implementation.Texts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Classifies inbound texts as opt-out, opt-in or neither. The {@link #standard()} set: {@code STOP,
 * STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT} opt out; {@code START, YES, UNSTOP} opt back in. A text
 * matches only when, trimmed, it is a single keyword, compared ignoring case: {@code " stop "} opts
 * out, {@code "stop sending me these"} and {@code "STOP."} do not (add locale keywords with {@link
 * #toBuilder()}). Immutable and thread-safe.
 */
public final class OptOutKeywords {

  /** What an inbound text asks for. */
  public enum Intent {
    /** Stop sending messages to this number. */
    OPT_OUT,
    /** Resume sending messages to this number. */
    OPT_IN,
    /** Not a keyword: an ordinary reply. */
    NONE
  }

  private static final OptOutKeywords STANDARD =
      builder()
          .optOut("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT")
          .optIn("START", "YES", "UNSTOP")
          .build();

  private final Set<String> optOut;
  private final Set<String> optIn;

  private OptOutKeywords(Set<String> optOut, Set<String> optIn) {
    this.optOut = optOut;
    this.optIn = optIn;
  }

  /**
   * The standard keywords (listed in the class description).
   *
   * @return the keywords
   */
  public static OptOutKeywords standard() {
    return STANDARD;
  }

  /**
   * An empty builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these keywords, to add more (e.g. a locale's words).
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.optOut.addAll(optOut);
    b.optIn.addAll(optIn);
    return b;
  }

  /**
   * Classifies an inbound text.
   *
   * @param text the text as received; may be null
   * @return {@link Intent#OPT_OUT}, {@link Intent#OPT_IN} or {@link Intent#NONE}
   */
  public Intent classify(String text) {
    if (text == null) {
      return Intent.NONE;
    }
    String word = normalize(text);
    if (optOut.contains(word)) {
      return Intent.OPT_OUT;
    }
    if (optIn.contains(word)) {
      return Intent.OPT_IN;
    }
    return Intent.NONE;
  }

  /**
   * The form a text is compared in: leading and trailing whitespace removed (no-break and other
   * Unicode spaces that phones insert included), upper-cased.
   *
   * @param text the text
   * @return the normalised text
   */
  public static String normalize(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end).toUpperCase(Locale.ROOT);
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  /**
   * The opt-out keywords, upper-case.
   *
   * @return an unmodifiable set
   */
  public Set<String> optOutKeywords() {
    return optOut;
  }

  /**
   * The opt-in keywords, upper-case.
   *
   * @return an unmodifiable set
   */
  public Set<String> optInKeywords() {
    return optIn;
  }

  @Override
  public String toString() {
    return "OptOutKeywords{optOut=" + optOut + ", optIn=" + optIn + '}';
  }

  /** Builds {@link OptOutKeywords}. Not thread-safe. */
  public static final class Builder {
    private final Set<String> optOut = new LinkedHashSet<>();
    private final Set<String> optIn = new LinkedHashSet<>();
    private final List<ConfigurationProblem> problems = new ArrayList<>();

    private Builder() {}

    /**
     * Adds opt-out keywords.
     *
     * @param keywords single words of letters or digits; any case
     * @return this builder
     */
    public Builder optOut(String... keywords) {
      add("optOut", optOut, keywords);
      return this;
    }

    /**
     * Adds opt-in keywords.
     *
     * @param keywords single words of letters or digits; any case
     * @return this builder
     */
    public Builder optIn(String... keywords) {
      add("optIn", optIn, keywords);
      return this;
    }

    private void add(String field, Set<String> into, String[] keywords) {
      Objects.requireNonNull(keywords, "keywords");
      for (String k : keywords) {
        if (k == null || k.isEmpty() || !k.codePoints().allMatch(Character::isLetterOrDigit)) {
          problems.add(
              ConfigurationProblem.of(
                  field,
                  Texts.printable(k),
                  "is not a single word: give one word of letters or digits, e.g. STOP"));
        } else {
          into.add(k.toUpperCase(Locale.ROOT));
        }
      }
    }

    /**
     * Builds the keywords.
     *
     * @return the keywords
     * @throws ConfigurationException if a keyword is not a single word, is in both sets, or there
     *     is no opt-out keyword
     */
    public OptOutKeywords build() {
      List<ConfigurationProblem> p = new ArrayList<>(problems);
      for (String k : optOut) {
        if (optIn.contains(k)) {
          p.add(
              ConfigurationProblem.of(
                  "optIn", k, "is also an opt-out keyword: a keyword must mean one thing"));
        }
      }
      if (optOut.isEmpty() && p.isEmpty()) {
        p.add(
            ConfigurationProblem.of(
                "optOut", "[]", "is empty: recipients must be able to opt out; add STOP at least"));
      }
      ConfigurationException.throwIfAny("opt-out keywords", p);
      return new OptOutKeywords(
          Collections.unmodifiableSet(new LinkedHashSet<>(optOut)),
          Collections.unmodifiableSet(new LinkedHashSet<>(optIn)));
    }
  }
}

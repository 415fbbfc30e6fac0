package io.campaignrelay.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An immutable, filterable view of {@link SentMessage}s for host-app assertions: what was sent to
 * whom, with what text, how many times. Phone numbers match on digits only, so {@code
 * +447700900123} and {@code 447700900123} are the same recipient.
 *
 * <pre>{@code
 * textLocal.sentMessages().to("447700900123").assertCount(1);
 * assertThat(delivyr.sentMessages().containing("SUMMER20").recipients()).hasSize(10_000);
 * }</pre>
 */
public final class SentMessages {
  private final List<SentMessage> messages;

  private SentMessages(List<SentMessage> messages) {
    this.messages = messages;
  }

  /**
   * Wraps a list (copied).
   *
   * @param messages the messages
   * @return the view
   */
  public static SentMessages of(List<SentMessage> messages) {
    return new SentMessages(List.copyOf(messages));
  }

  /**
   * All messages, in send order.
   *
   * @return an unmodifiable list
   */
  public List<SentMessage> all() {
    return messages;
  }

  /**
   * How many messages.
   *
   * @return the count
   */
  public int count() {
    return messages.size();
  }

  /**
   * Whether there are none.
   *
   * @return true if empty
   */
  public boolean isEmpty() {
    return messages.isEmpty();
  }

  /**
   * Messages to one recipient.
   *
   * @param phone the phone, with or without {@code +}
   * @return the filtered view
   */
  public SentMessages to(String phone) {
    String d = digits(Objects.requireNonNull(phone, "phone"));
    return filter(m -> m.toDigits().equals(d));
  }

  /**
   * Messages for one customer id (Delivyr only; TextLocal messages carry none).
   *
   * @param customerId the id
   * @return the filtered view
   */
  public SentMessages forCustomer(String customerId) {
    return filter(m -> m.customerId().equals(customerId));
  }

  /**
   * Messages whose text contains a fragment.
   *
   * @param fragment the fragment
   * @return the filtered view
   */
  public SentMessages containing(String fragment) {
    return filter(m -> m.text().contains(fragment));
  }

  /**
   * Messages whose text is exactly this.
   *
   * @param text the text
   * @return the filtered view
   */
  public SentMessages withText(String text) {
    return filter(m -> m.text().equals(text));
  }

  /**
   * Messages of one campaign reference.
   *
   * @param campaignRef TextLocal {@code custom} or Delivyr Optimove campaign id
   * @return the filtered view
   */
  public SentMessages forCampaign(String campaignRef) {
    return filter(m -> m.campaignRef().equals(campaignRef));
  }

  /**
   * Messages matching a predicate.
   *
   * @param predicate the predicate
   * @return the filtered view
   */
  public SentMessages filter(Predicate<SentMessage> predicate) {
    List<SentMessage> out = new ArrayList<>();
    for (SentMessage m : messages) {
      if (predicate.test(m)) {
        out.add(m);
      }
    }
    return new SentMessages(Collections.unmodifiableList(out));
  }

  /**
   * The distinct recipients (digits only), in first-send order.
   *
   * @return the recipients
   */
  public Set<String> recipients() {
    Set<String> out = new LinkedHashSet<>();
    for (SentMessage m : messages) {
      out.add(m.toDigits());
    }
    return Collections.unmodifiableSet(out);
  }

  /**
   * How many messages each recipient (digits only) got, in first-send order.
   *
   * @return the counts
   */
  public Map<String, Integer> countsByRecipient() {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (SentMessage m : messages) {
      out.merge(m.toDigits(), 1, Integer::sum);
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * The texts sent, in order.
   *
   * @return the texts
   */
  public List<String> texts() {
    return messages.stream().map(SentMessage::text).toList();
  }

  /**
   * The only message of this view.
   *
   * @return the message
   * @throws AssertionError if there are zero or several
   */
  public SentMessage single() {
    if (messages.size() != 1) {
      throw new AssertionError("expected exactly 1 sent message but found " + describe());
    }
    return messages.get(0);
  }

  /**
   * Asserts how many messages this view holds.
   *
   * @param expected the expected count
   * @return this view
   * @throws AssertionError if the count differs
   */
  public SentMessages assertCount(int expected) {
    if (messages.size() != expected) {
      throw new AssertionError("expected " + expected + " sent message(s) but found " + describe());
    }
    return this;
  }

  /**
   * Asserts that no recipient got more than one message.
   *
   * @return this view
   * @throws AssertionError naming the first duplicated recipient
   */
  public SentMessages assertNoDuplicates() {
    for (Map.Entry<String, Integer> e : countsByRecipient().entrySet()) {
      if (e.getValue() > 1) {
        throw new AssertionError(
            "recipient "
                + e.getKey()
                + " got "
                + e.getValue()
                + " messages: "
                + to(e.getKey()).texts());
      }
    }
    return this;
  }

  private String describe() {
    int shown = Math.min(5, messages.size());
    StringBuilder sb = new StringBuilder().append(messages.size());
    if (shown > 0) {
      sb.append(": ");
      for (int i = 0; i < shown; i++) {
        SentMessage m = messages.get(i);
        sb.append(i == 0 ? "" : ", ").append(m.to()).append(" <- \"").append(m.text()).append('"');
      }
      if (shown < messages.size()) {
        sb.append(", ...");
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "SentMessages[" + describe() + "]";
  }

  static String digits(String phone) {
    StringBuilder sb = new StringBuilder(phone.length());
    for (int i = 0; i < phone.length(); i++) {
      char c = phone.charAt(i);
      if (c >= '0' && c <= '9') {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}

package io.campaignrelay.textlocal.models;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.PhoneNumber;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code send}: one text to a list of numbers or to a contact group. Immutable; build with {@link
 * #builder()}.
 *
 * <p>The builder checks the request's own shape (text present, exactly one of numbers and group).
 * The client checks the rest before any call: at most 10,000 numbers per call (its chunking method
 * splits larger lists), the length limit, a schedule time in the future and a validity at most 72
 * hours ahead. Numbers are sent as international digits without the plus. The {@code unicode} flag
 * is not set here: the client sets it when the text needs UCS-2. This request never sends MMS.
 */
public final class SendRequest {

  private final String message;
  private final String sender;
  private final List<PhoneNumber> numbers;
  private final String groupId;
  private final Instant scheduleTime;
  private final String receiptUrl;
  private final String custom;
  private final Boolean optOuts;
  private final Instant validity;
  private final Boolean trackingLinks;
  private final Boolean test;
  private final Boolean simpleReply;

  private SendRequest(Builder b) {
    this.message = b.message;
    this.sender = b.sender;
    this.numbers = b.numbers == null ? null : List.copyOf(b.numbers);
    this.groupId = b.groupId;
    this.scheduleTime = b.scheduleTime;
    this.receiptUrl = b.receiptUrl;
    this.custom = b.custom;
    this.optOuts = b.optOuts;
    this.validity = b.validity;
    this.trackingLinks = b.trackingLinks;
    this.test = b.test;
    this.simpleReply = b.simpleReply;
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this request.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.message = message;
    b.sender = sender;
    b.numbers = numbers;
    b.groupId = groupId;
    b.scheduleTime = scheduleTime;
    b.receiptUrl = receiptUrl;
    b.custom = custom;
    b.optOuts = optOuts;
    b.validity = validity;
    b.trackingLinks = trackingLinks;
    b.test = test;
    b.simpleReply = simpleReply;
    return b;
  }

  /**
   * The text.
   *
   * @return the text
   */
  public String message() {
    return message;
  }

  /**
   * The sender name; TextLocal uses the account default when absent.
   *
   * @return the sender, if set
   */
  public Optional<String> sender() {
    return Optional.ofNullable(sender);
  }

  /**
   * The recipients, when sending to numbers.
   *
   * @return the numbers; empty when sending to a group
   */
  public List<PhoneNumber> numbers() {
    return numbers == null ? List.of() : numbers;
  }

  /**
   * The target group, when sending to a group.
   *
   * @return the group id, if set
   */
  public Optional<String> groupId() {
    return Optional.ofNullable(groupId);
  }

  /**
   * When TextLocal should send.
   *
   * @return the time, if the send is scheduled
   */
  public Optional<Instant> scheduleTime() {
    return Optional.ofNullable(scheduleTime);
  }

  /**
   * The delivery-receipt URL for this send.
   *
   * @return the URL, if set
   */
  public Optional<String> receiptUrl() {
    return Optional.ofNullable(receiptUrl);
  }

  /**
   * The batch-level tag echoed back in receipts as {@code customID}.
   *
   * @return the tag, if set
   */
  public Optional<String> custom() {
    return Optional.ofNullable(custom);
  }

  /**
   * Whether to drop opted-out numbers.
   *
   * @return the flag, if set
   */
  public Optional<Boolean> optOuts() {
    return Optional.ofNullable(optOuts);
  }

  /**
   * After when the message must not be delivered.
   *
   * @return the time, if set
   */
  public Optional<Instant> validity() {
    return Optional.ofNullable(validity);
  }

  /**
   * Whether to turn links into tracked short links.
   *
   * @return the flag, if set
   */
  public Optional<Boolean> trackingLinks() {
    return Optional.ofNullable(trackingLinks);
  }

  /**
   * Whether this is a test-mode send (nothing sent, no credit used).
   *
   * @return true when {@code test=true} is sent
   */
  public boolean test() {
    return Boolean.TRUE.equals(test);
  }

  /**
   * Whether to reply through the Simple Reply Service number (overrides the sender).
   *
   * @return the flag, if set
   */
  public Optional<Boolean> simpleReply() {
    return Optional.ofNullable(simpleReply);
  }

  @Override
  public String toString() {
    return "SendRequest{"
        + (groupId != null ? "groupId=" + groupId : numbers().size() + " numbers")
        + ", "
        + message.length()
        + " chars"
        + (scheduleTime != null ? ", scheduleTime=" + scheduleTime : "")
        + (custom != null ? ", custom=" + custom : "")
        + (test() ? ", test" : "")
        + '}';
  }

  /** Builds a {@link SendRequest}. Not thread-safe. */
  public static final class Builder {
    private String message;
    private String sender;
    private List<PhoneNumber> numbers;
    private String groupId;
    private Instant scheduleTime;
    private String receiptUrl;
    private String custom;
    private Boolean optOuts;
    private Instant validity;
    private Boolean trackingLinks;
    private Boolean test;
    private Boolean simpleReply;

    private Builder() {}

    /**
     * Sets the text.
     *
     * @param message the text, at most 765 GSM characters
     * @return this builder
     */
    public Builder message(String message) {
      this.message = message;
      return this;
    }

    /**
     * Sets the sender name (UK: 3 to 11 letters and digits, or up to 13 digits).
     *
     * @param sender the sender, or null for the account default
     * @return this builder
     */
    public Builder sender(String sender) {
      this.sender = sender;
      return this;
    }

    /**
     * Sends to these numbers (clears a group).
     *
     * @param numbers the recipients
     * @return this builder
     */
    public Builder numbers(List<PhoneNumber> numbers) {
      this.numbers = numbers == null ? null : new ArrayList<>(numbers);
      return this;
    }

    /**
     * Sends to a contact group.
     *
     * @param groupId the group id
     * @return this builder
     */
    public Builder groupId(String groupId) {
      this.groupId = groupId;
      return this;
    }

    /**
     * Schedules the send.
     *
     * @param scheduleTime a future instant, or null to send now
     * @return this builder
     */
    public Builder scheduleTime(Instant scheduleTime) {
      this.scheduleTime = scheduleTime;
      return this;
    }

    /**
     * Sets the delivery-receipt URL for this send.
     *
     * @param receiptUrl the URL, or null for the account-wide one
     * @return this builder
     */
    public Builder receiptUrl(String receiptUrl) {
      this.receiptUrl = receiptUrl;
      return this;
    }

    /**
     * Sets the batch tag echoed back in receipts.
     *
     * @param custom the tag, or null
     * @return this builder
     */
    public Builder custom(String custom) {
      this.custom = custom;
      return this;
    }

    /**
     * Drops numbers on the opt-out lists.
     *
     * @param optOuts the flag, or null for TextLocal's default (false)
     * @return this builder
     */
    public Builder optOuts(Boolean optOuts) {
      this.optOuts = optOuts;
      return this;
    }

    /**
     * Sets the validity deadline.
     *
     * @param validity at most 72 hours ahead, or null
     * @return this builder
     */
    public Builder validity(Instant validity) {
      this.validity = validity;
      return this;
    }

    /**
     * Turns links into tracked short links.
     *
     * @param trackingLinks the flag, or null
     * @return this builder
     */
    public Builder trackingLinks(Boolean trackingLinks) {
      this.trackingLinks = trackingLinks;
      return this;
    }

    /**
     * Makes this a test-mode send: TextLocal validates and prices it but sends nothing.
     *
     * @param test the flag
     * @return this builder
     */
    public Builder test(boolean test) {
      this.test = test;
      return this;
    }

    /**
     * Uses the Simple Reply Service number.
     *
     * @param simpleReply the flag, or null
     * @return this builder
     */
    public Builder simpleReply(Boolean simpleReply) {
      this.simpleReply = simpleReply;
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     * @throws ConfigurationException listing every problem of the request's shape
     */
    public SendRequest build() {
      List<ConfigurationProblem> problems = new ArrayList<>();
      if (message == null || message.isEmpty()) {
        problems.add(
            ConfigurationProblem.of(
                "message", message, "give the text to send (TextLocal error 5 otherwise)"));
      }
      boolean hasNumbers = numbers != null && !numbers.isEmpty();
      if (hasNumbers && groupId != null) {
        problems.add(
            ConfigurationProblem.of(
                "groupId",
                groupId,
                "give either numbers or a group id, not both (TextLocal error 34)"));
      } else if (!hasNumbers && (groupId == null || groupId.isBlank())) {
        problems.add(
            ConfigurationProblem.of(
                "numbers", null, "give at least one number or a group id (TextLocal error 4)"));
      }
      if (numbers != null && numbers.stream().anyMatch(Objects::isNull)) {
        problems.add(ConfigurationProblem.of("numbers", "null entry", "remove null numbers"));
      }
      ConfigurationException.throwIfAny("TextLocal send request", problems);
      return new SendRequest(this);
    }
  }
}

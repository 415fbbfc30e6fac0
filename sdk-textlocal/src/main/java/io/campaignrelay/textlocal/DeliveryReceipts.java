package io.campaignrelay.textlocal;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.metrics.DeliveryEvent;
import io.campaignrelay.core.metrics.DeliveryOutcome;
import io.campaignrelay.core.metrics.RejectionReason;
import io.campaignrelay.textlocal.models.DeliveryReceipt;
import io.campaignrelay.textlocal.models.DeliveryStatus;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads TextLocal's delivery-receipt callback (form fields {@code number}, {@code status}, {@code
 * customID}, {@code datetime}) and maps TextLocal's status letters to core outcomes.
 *
 * <p>Status mapping (letter, core outcome, Optimove metric through core's default mapping):
 *
 * <ul>
 *   <li>{@code D} delivered: {@link DeliveryOutcome#DELIVERED}, Delivered
 *   <li>{@code U} undelivered: {@link DeliveryOutcome#UNDELIVERED}, Bounced
 *   <li>{@code I} invalid number: rejected with {@link RejectionReason#INVALID_PHONE_FORMAT},
 *       Dropped
 *   <li>{@code E} expired: {@link DeliveryOutcome#EXPIRED}, not reported
 *   <li>{@code P} pending: {@link DeliveryOutcome#PENDING}, not reported (not final)
 *   <li>{@code ?} unknown (no network status; TextLocal stops waiting after about four days):
 *       {@link DeliveryOutcome#unknown(String)} keeping {@code "?"}, not reported
 *   <li>any other letter: unknown, keeping the letter
 * </ul>
 *
 * <p>The callback's authentication, retries and expected answer are UNKNOWN in the spec: protect
 * the receipt URL yourself (e.g. a secret path) and treat repeats as possible (events carry a
 * content-derived id so core's metrics count them once).
 */
public final class DeliveryReceipts {

  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private DeliveryReceipts() {}

  /**
   * Parses the receipt from its form fields.
   *
   * @param fields the decoded form fields
   * @return the receipt
   * @throws ConfigurationException if {@code number} or {@code status} is missing, or {@code
   *     datetime} is not {@code yyyy-MM-dd HH:mm:ss}
   */
  public static DeliveryReceipt parse(Map<String, String> fields) {
    if (fields == null) {
      fields = Map.of();
    }
    List<ConfigurationProblem> p = new ArrayList<>();
    String number = fields.get("number");
    String status = fields.get("status");
    if (number == null || number.isBlank()) {
      p.add(ConfigurationProblem.of("number", number, "the receipt must carry the recipient"));
    }
    if (status == null || status.isBlank()) {
      p.add(ConfigurationProblem.of("status", status, "the receipt must carry a status letter"));
    }
    LocalDateTime at = null;
    String dt = fields.get("datetime");
    if (dt != null && !dt.isBlank()) {
      try {
        at = LocalDateTime.parse(dt.trim(), DATETIME);
      } catch (DateTimeParseException e) {
        p.add(ConfigurationProblem.of("datetime", dt, "expected yyyy-MM-dd HH:mm:ss"));
      }
    }
    ConfigurationException.throwIfAny("TextLocal delivery receipt", p);
    String custom = fields.get("customID");
    return new DeliveryReceipt(
        number.trim(),
        DeliveryStatus.fromString(status),
        custom == null || custom.isEmpty() ? null : custom,
        at);
  }

  /**
   * Parses the receipt from the raw {@code application/x-www-form-urlencoded} body.
   *
   * @param formBody the body
   * @return the receipt
   * @throws ConfigurationException if a required field is missing or malformed, the body is longer
   *     than {@value #MAX_FORM_BODY} characters or has more than {@value #MAX_FIELDS} fields, or a
   *     field is not valid form encoding (a bad {@code %} escape): the parser is total, it throws
   *     nothing else
   */
  public static DeliveryReceipt parse(String formBody) {
    Map<String, String> fields = new HashMap<>();
    if (formBody != null && !formBody.isEmpty()) {
      if (formBody.length() > MAX_FORM_BODY) {
        throw new ConfigurationException(
            "TextLocal receipt",
            ConfigurationProblem.of(
                "body", formBody.length(), "is longer than " + MAX_FORM_BODY + " characters"));
      }
      String[] pairs = formBody.split("&", MAX_FIELDS + 1);
      if (pairs.length > MAX_FIELDS) {
        throw new ConfigurationException(
            "TextLocal receipt",
            ConfigurationProblem.of(
                "body", pairs.length, "has more than " + MAX_FIELDS + " form fields"));
      }
      for (String pair : pairs) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        try {
          fields.put(
              URLDecoder.decode(name, StandardCharsets.UTF_8),
              URLDecoder.decode(value, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          throw new ConfigurationException(
              "TextLocal receipt",
              ConfigurationProblem.of("body", null, "is not valid form encoding (a bad % escape)"));
        }
      }
    }
    return parse(fields);
  }

  /** The longest receipt body read (a receipt is four short fields). */
  public static final int MAX_FORM_BODY = 8 * 1024;

  /** The most form fields read. */
  public static final int MAX_FIELDS = 32;

  /**
   * Maps a status letter to a core outcome (see the class description).
   *
   * @param status the letter
   * @return the outcome
   */
  public static DeliveryOutcome toOutcome(DeliveryStatus status) {
    if (status == null) {
      return DeliveryOutcome.unknown("");
    }
    return switch (status.value()) {
      case "D" -> DeliveryOutcome.DELIVERED;
      case "U" -> DeliveryOutcome.UNDELIVERED;
      case "I" -> DeliveryOutcome.rejected(RejectionReason.INVALID_PHONE_FORMAT, "TextLocal I");
      case "E" -> DeliveryOutcome.EXPIRED;
      case "P" -> DeliveryOutcome.PENDING;
      default -> DeliveryOutcome.unknown(status.value());
    };
  }

  /**
   * The receipt as a core delivery event.
   *
   * @param receipt the receipt
   * @param campaignId the campaign (from the {@code customID} tag)
   * @param customerId the customer (from the number, e.g. with {@link ContactIndex#customerOf})
   * @param zone the zone of TextLocal's timestamps (not documented; the host's local time is
   *     INFERRED, e.g. Europe/London for the UK host)
   * @param receivedAt used when the receipt has no datetime
   * @return the event, with an id derived from campaign, number, status and time
   */
  public static DeliveryEvent toEvent(
      DeliveryReceipt receipt,
      CampaignId campaignId,
      CustomerId customerId,
      ZoneId zone,
      Instant receivedAt) {
    Instant at =
        receipt.datetime() == null ? receivedAt : receipt.datetime().atZone(zone).toInstant();
    String id =
        "textlocal:"
            + campaignId.value()
            + ':'
            + receipt.number()
            + ':'
            + receipt.status().value()
            + ':'
            + (receipt.datetime() == null ? "" : receipt.datetime().toString());
    return new DeliveryEvent(id, campaignId, customerId, toOutcome(receipt.status()), at);
  }
}

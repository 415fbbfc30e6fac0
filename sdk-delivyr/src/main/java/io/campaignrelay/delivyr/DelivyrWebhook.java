package io.campaignrelay.delivyr;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.http.spi.HttpPipeline;
import io.campaignrelay.delivyr.WebhookVerificationException.Reason;
import io.campaignrelay.delivyr.models.WebhookEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies and parses the events Delivyr posts to a webhook.
 *
 * <p>Delivyr signs each request with the header {@value #SIGNATURE_HEADER}{@code : t=<unix
 * seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>}; while a secret is being rotated the
 * header carries several {@code v1=} entries and any one that matches is accepted. {@link
 * #verifyAndParse(String, String, Secret, Clock)} checks, in this order:
 *
 * <ol>
 *   <li>the header has one {@code t} and at least one {@code v1} ({@link
 *       WebhookSignatureException}, {@link Reason#MALFORMED_SIGNATURE_HEADER});
 *   <li>a {@code v1} equals the HMAC of {@code <t>.<raw body>}, compared in constant time ({@link
 *       WebhookSignatureException}, {@link Reason#SIGNATURE_MISMATCH}: tampered);
 *   <li>{@code t} is at most the tolerance (300 s by default) from the clock's now, either way
 *       ({@link WebhookTimestampException}: stale);
 *   <li>the body is a Delivyr event ({@link WebhookVerificationException}, {@link
 *       Reason#MALFORMED_PAYLOAD});
 *   <li>no event with the same id was accepted by this instance within the tolerance window ({@link
 *       WebhookReplayException}: replayed).
 * </ol>
 *
 * <p>Pass the body exactly as received (before any JSON parsing or re-encoding). Replay protection
 * remembers accepted event ids in this instance, each until its timestamp plus the tolerance (after
 * which the timestamp check rejects it anyway), so keep one instance per endpoint for the life of
 * the application; behind several servers, also de-duplicate on {@link WebhookEvent#id()} in shared
 * storage. Thread-safe; no global state. No exception message contains the secret or a signature.
 */
public final class DelivyrWebhook {

  /** The signature header's name. */
  public static final String SIGNATURE_HEADER = "Delivyr-Signature";

  /** The default tolerance between the signed timestamp and now. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);

  /** The default bound of remembered event ids. */
  public static final int DEFAULT_MAX_REMEMBERED = 100_000;

  private static final ObjectMapper MAPPER = HttpPipeline.defaultObjectMapper();

  private final Duration tolerance;
  private final int maxRemembered;
  // Accepted ids with their expiry, and the same ordered by expiry so that purging costs only the
  // entries that actually expired (not a scan of every remembered id on every call).
  private final java.util.HashMap<String, Instant> seen = new java.util.HashMap<>();
  private final java.util.PriorityQueue<Map.Entry<String, Instant>> byExpiry =
      new java.util.PriorityQueue<>(Map.Entry.comparingByValue());

  private DelivyrWebhook(Duration tolerance, int maxRemembered) {
    this.tolerance = tolerance;
    this.maxRemembered = maxRemembered;
  }

  /**
   * A verifier with the 300 s tolerance.
   *
   * @return the verifier
   */
  public static DelivyrWebhook create() {
    return new DelivyrWebhook(DEFAULT_TOLERANCE, DEFAULT_MAX_REMEMBERED);
  }

  /**
   * A verifier with another tolerance and memory bound.
   *
   * @param tolerance how far the signed timestamp may be from now; positive, at most one hour
   * @param maxRemembered how many accepted event ids to remember at most; the oldest is forgotten
   *     first when full
   * @return the verifier
   * @throws ConfigurationException if a value is out of range
   */
  public static DelivyrWebhook create(Duration tolerance, int maxRemembered) {
    List<ConfigurationProblem> problems = new ArrayList<>();
    if (tolerance == null
        || tolerance.isNegative()
        || tolerance.isZero()
        || tolerance.compareTo(Duration.ofHours(1)) > 0) {
      problems.add(
          ConfigurationProblem.of(
              "tolerance",
              tolerance,
              "use a positive duration of at most one hour; Delivyr's is 300 seconds"));
    }
    if (maxRemembered < 1) {
      problems.add(
          ConfigurationProblem.of("maxRemembered", maxRemembered, "use a positive number"));
    }
    ConfigurationException.throwIfAny("Delivyr webhook verifier", problems);
    return new DelivyrWebhook(tolerance, maxRemembered);
  }

  /**
   * Verifies a webhook request and returns its event.
   *
   * @param rawBody the request body exactly as received
   * @param signatureHeader the value of the {@value #SIGNATURE_HEADER} header (null if absent)
   * @param secret the webhook signing secret
   * @param clock the clock giving now
   * @return the verified event
   * @throws WebhookSignatureException if the header is missing or malformed or no signature matches
   *     (tampered)
   * @throws WebhookTimestampException if the timestamp is outside the tolerance (stale)
   * @throws WebhookReplayException if the event was already accepted (replayed)
   * @throws WebhookVerificationException if the signed body is not a Delivyr event
   */
  public WebhookEvent verifyAndParse(
      String rawBody, String signatureHeader, Secret secret, Clock clock) {
    return verifyAndParse(
        rawBody, signatureHeader, secret == null ? List.of() : List.of(secret), clock);
  }

  /**
   * Verifies a webhook request against any of several secrets (while rotating the receiver's
   * secret) and returns its event.
   *
   * @param rawBody the request body exactly as received
   * @param signatureHeader the value of the {@value #SIGNATURE_HEADER} header (null if absent)
   * @param secrets the accepted signing secrets, at least one
   * @param clock the clock giving now
   * @return the verified event
   * @throws WebhookSignatureException if the header is missing or malformed or no signature matches
   *     (tampered)
   * @throws WebhookTimestampException if the timestamp is outside the tolerance (stale)
   * @throws WebhookReplayException if the event was already accepted (replayed)
   * @throws WebhookVerificationException if the signed body is not a Delivyr event
   */
  public WebhookEvent verifyAndParse(
      String rawBody, String signatureHeader, List<Secret> secrets, Clock clock) {
    Objects.requireNonNull(rawBody, "rawBody");
    Objects.requireNonNull(clock, "clock");
    if (secrets == null || secrets.isEmpty() || secrets.stream().anyMatch(Objects::isNull)) {
      throw new ConfigurationException(
          "Delivyr webhook verification",
          ConfigurationProblem.ofSecret(
              "secret", "give the webhook signing secret from the Delivyr dashboard"));
    }
    long t = verifySignature(rawBody, signatureHeader, secrets);
    Instant now = clock.instant();
    Instant signedAt = Instant.ofEpochSecond(t);
    Duration skew = Duration.between(signedAt, now).abs();
    if (skew.compareTo(tolerance) > 0) {
      throw new WebhookTimestampException(
          "Delivyr webhook timestamp "
              + signedAt
              + " is "
              + skew.toSeconds()
              + " s from now ("
              + now
              + "), more than the "
              + tolerance.toSeconds()
              + " s tolerance: stale or replayed request rejected (check the server clock if"
              + " every request fails)");
    }
    WebhookEvent event;
    try {
      event = MAPPER.readValue(rawBody, WebhookEvent.class);
    } catch (IOException e) {
      throw new WebhookVerificationException(
          Reason.MALFORMED_PAYLOAD,
          "Delivyr webhook body is signed but is not a Delivyr event ("
              + e.getClass().getSimpleName()
              + ")",
          e);
    }
    if (event == null || event.id() == null || event.id().isBlank() || event.type() == null) {
      throw new WebhookVerificationException(
          Reason.MALFORMED_PAYLOAD, "Delivyr webhook body is signed but has no event id or type");
    }
    remember(event.id(), signedAt.plus(tolerance), now);
    return event;
  }

  private synchronized void remember(String id, Instant expiresAt, Instant now) {
    while (!byExpiry.isEmpty() && byExpiry.peek().getValue().isBefore(now)) {
      forget(byExpiry.poll());
    }
    if (seen.containsKey(id)) {
      throw new WebhookReplayException(
          "Delivyr webhook event "
              + id
              + " was already accepted: replayed request rejected (answer it with 2xx only if"
              + " your handler is idempotent)");
    }
    while (seen.size() >= maxRemembered) {
      forget(byExpiry.poll());
    }
    seen.put(id, expiresAt);
    byExpiry.add(Map.entry(id, expiresAt));
  }

  private void forget(Map.Entry<String, Instant> e) {
    seen.remove(e.getKey(), e.getValue());
  }

  /**
   * Computes the {@code v1} signature Delivyr would send (for tests and for fakes of Delivyr).
   *
   * @param timestamp the unix seconds put in {@code t}
   * @param rawBody the body
   * @param secret the signing secret
   * @return the lower-case hex HMAC-SHA256 of {@code <t>.<raw body>}
   */
  public static String sign(long timestamp, String rawBody, Secret secret) {
    return HexFormat.of().formatHex(hmac(secret, timestamp + "." + rawBody));
  }

  static long verifySignature(String rawBody, String header, List<Secret> secrets) {
    if (header == null || header.isBlank()) {
      throw new WebhookSignatureException(
          Reason.MALFORMED_SIGNATURE_HEADER,
          "Delivyr webhook has no "
              + SIGNATURE_HEADER
              + " header: reject the request (it does not come from Delivyr)");
    }
    Long t = null;
    List<byte[]> signatures = new ArrayList<>();
    for (String part : header.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = part.substring(0, eq).trim();
      String value = part.substring(eq + 1).trim();
      if (key.equals("t")) {
        if (t != null || !value.matches("[0-9]{1,12}")) {
          throw malformed();
        }
        t = Long.parseLong(value);
      } else if (key.equals("v1")) {
        try {
          signatures.add(HexFormat.of().parseHex(value));
        } catch (IllegalArgumentException notHex) {
          // an entry that is not hex can never match; keep looking at the others
        }
      }
    }
    if (t == null || signatures.isEmpty()) {
      throw malformed();
    }
    String signed = t + "." + rawBody;
    for (Secret secret : secrets) {
      byte[] expected = hmac(secret, signed);
      for (byte[] candidate : signatures) {
        if (MessageDigest.isEqual(expected, candidate)) {
          return t;
        }
      }
    }
    throw new WebhookSignatureException(
        Reason.SIGNATURE_MISMATCH,
        "Delivyr webhook signature does not match the body ("
            + signatures.size()
            + " v1 signature(s) checked): the request was tampered with or signed with another"
            + " secret; reject it");
  }

  private static WebhookSignatureException malformed() {
    return new WebhookSignatureException(
        Reason.MALFORMED_SIGNATURE_HEADER,
        "Delivyr webhook "
            + SIGNATURE_HEADER
            + " header is malformed: expected t=<unix seconds>,v1=<hex signature>");
  }

  private static byte[] hmac(Secret secret, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }

  @Override
  public String toString() {
    return "DelivyrWebhook{tolerance=" + tolerance + ", maxRemembered=" + maxRemembered + '}';
  }
}

package io.campaignrelay.core.execution;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.implementation.Texts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The key that makes sending one message to one customer idempotent: derived deterministically from
 * campaign + customer, so a retried or resumed run produces the same key and a vendor that honours
 * idempotency keys (or the execution journal) sends the message once.
 *
 * <p>Derived keys are {@code "cr1-"} followed by 32 lower-case hex digits (the first 128 bits of
 * SHA-256 over the campaign id, a NUL and the customer id): 36 ASCII characters, safe in headers,
 * form fields and JSON, and free of personal data.
 *
 * @param value the key: 1 to {@value #MAX_LENGTH} printable ASCII characters
 */
public record IdempotencyKey(String value) {

  /** Longest key accepted (the common limit of vendors' idempotency headers). */
  public static final int MAX_LENGTH = 255;

  private static final String PREFIX = "cr1-";
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is required of every Java platform", e);
            }
          });

  /**
   * Validates the key.
   *
   * @throws ConfigurationException if the key is empty, too long or not printable ASCII
   */
  public IdempotencyKey {
    String fix = null;
    if (value == null || value.isEmpty()) {
      fix = "is empty: derive it with IdempotencyKey.derive(campaignId, customerId)";
    } else if (value.length() > MAX_LENGTH) {
      fix = "is " + value.length() + " characters: give at most " + MAX_LENGTH;
    } else if (!Texts.isPrintableToken(value)) {
      fix = "has a space, control or non-ASCII character: use printable ASCII only";
    }
    if (fix != null) {
      throw new ConfigurationException(
          "idempotency key",
          ConfigurationProblem.of("idempotencyKey", Texts.printable(value), fix));
    }
  }

  /**
   * Derives the key of a campaign's message to a customer.
   *
   * @param campaignId the campaign
   * @param customerId the customer
   * @return the same key for the same pair, every time
   */
  public static IdempotencyKey derive(CampaignId campaignId, CustomerId customerId) {
    Objects.requireNonNull(campaignId, "campaignId");
    Objects.requireNonNull(customerId, "customerId");
    MessageDigest sha = SHA256.get();
    sha.update(campaignId.value().getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(customerId.value().getBytes(StandardCharsets.UTF_8));
    byte[] digest = sha.digest();
    return new IdempotencyKey(PREFIX + HexFormat.of().formatHex(digest, 0, 16));
  }

  /** Returns the key itself. */
  @Override
  public String toString() {
    return value;
  }
}

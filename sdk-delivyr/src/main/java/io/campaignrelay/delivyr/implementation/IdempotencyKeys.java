package io.campaignrelay.delivyr.implementation;

import io.campaignrelay.delivyr.models.CampaignReference;
import io.campaignrelay.delivyr.models.SendMessageRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Idempotency keys for Delivyr writes. A key is fixed once per logical message or batch, before the
 * first attempt, so every retry re-sends the same key and Delivyr sends at most once.
 *
 * <p>The key that makes a message send-once is the message's own: it goes out as the message's
 * {@code idempotencyKey} field (and, for {@code POST messages}, as the {@code Idempotency-Key}
 * header too), and Delivyr dedupes each message on it for 24 h whatever batch carries it. The batch
 * key below only lets Delivyr answer a repeat of the exact same batch whole; a batch with other
 * members or another order gets another batch key, which is safe because its messages keep theirs.
 *
 * <ul>
 *   <li>A key the caller gave is used as is.
 *   <li>A message with a campaign reference and a customer id gets {@code cr1-m-} + the first 48
 *       hex digits of SHA-256 over {@code campaignId|channelId|templateId|customerId|to}: running
 *       the same campaign again for the same customer reuses the key, and Delivyr (which keeps keys
 *       24 h) does not send twice.
 *   <li>Anything else gets {@code cr1-r-} + a random UUID.
 *   <li>A batch gets {@code cr1-b-} + the first 48 hex digits of SHA-256 over its messages' keys in
 *       order when every message key was derived or given, else a random UUID (an optimisation
 *       only, see above).
 * </ul>
 */
public final class IdempotencyKeys {

  private static final RequestFields.Reader FIELDS = RequestFields.reader();

  private IdempotencyKeys() {}

  /**
   * The key of one message.
   *
   * @param request the message
   * @return the caller's key, a derived key or a random one
   */
  public static String forMessage(SendMessageRequest request) {
    String given = FIELDS.idempotencyKey(request);
    if (given != null) {
      return given;
    }
    CampaignReference c = FIELDS.campaign(request);
    String customerId = FIELDS.customerId(request);
    if (c != null && customerId != null) {
      return "cr1-m-"
          + sha256(
                  c.optimoveCampaignId()
                      + '|'
                      + c.channelId()
                      + '|'
                      + c.optimoveTemplateId()
                      + '|'
                      + customerId
                      + '|'
                      + request.to())
              .substring(0, 48);
    }
    return random();
  }

  /**
   * Whether a message's key is stable across runs (given or derived, not random).
   *
   * @param request the message
   * @return true if {@link #forMessage(SendMessageRequest)} is deterministic for it
   */
  public static boolean isStable(SendMessageRequest request) {
    return FIELDS.idempotencyKey(request) != null
        || (FIELDS.campaign(request) != null && FIELDS.customerId(request) != null);
  }

  /**
   * The key of a batch.
   *
   * @param messageKeys the keys of its messages, in order
   * @param stable whether every message key is stable
   * @return a derived key when stable, else a random one
   */
  public static String forBatch(List<String> messageKeys, boolean stable) {
    if (!stable) {
      return "cr1-b-" + UUID.randomUUID();
    }
    // the digest of the keys joined by line feeds, without building the joined text: ASCII
    // keys (all valid ones) are copied byte for byte, anything else is encoded as UTF-8
    MessageDigest md = sha256();
    byte[] scratch = new byte[256];
    char[] chars = new char[256];
    for (int i = 0; i < messageKeys.size(); i++) {
      if (i > 0) {
        md.update((byte) '\n');
      }
      String key = messageKeys.get(i);
      int n = key.length();
      if (n > scratch.length) {
        scratch = new byte[n];
        chars = new char[n];
      }
      // one bulk copy of the characters, then a loop over the array (cheaper than charAt)
      key.getChars(0, n, chars, 0);
      boolean ascii = true;
      for (int j = 0; j < n; j++) {
        char ch = chars[j];
        if (ch >= 0x80) {
          ascii = false;
          break;
        }
        scratch[j] = (byte) ch;
      }
      if (ascii) {
        md.update(scratch, 0, n);
      } else {
        md.update(key.getBytes(StandardCharsets.UTF_8));
      }
    }
    return "cr1-b-" + HexFormat.of().formatHex(md.digest()).substring(0, 48);
  }

  /**
   * A random key.
   *
   * @return {@code cr1-r-} and a random UUID
   */
  public static String random() {
    return "cr1-r-" + UUID.randomUUID();
  }

  private static String sha256(String text) {
    return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}

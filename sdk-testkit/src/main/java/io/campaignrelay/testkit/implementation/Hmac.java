package io.campaignrelay.testkit.implementation;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 helpers. */
public final class Hmac {
  private Hmac() {}

  /**
   * Lower-case hex HMAC-SHA256.
   *
   * @param key the key (UTF-8)
   * @param data the data
   * @return the hex digest
   */
  public static String sha256Hex(String key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  /**
   * Compares two hex digests in constant time, ignoring case.
   *
   * @param expected the expected digest
   * @param actual the received digest (may be null)
   * @return true if equal
   */
  public static boolean matches(String expected, String actual) {
    if (actual == null) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
        actual.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }
}

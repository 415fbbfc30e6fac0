package io.campaignrelay.optimove.implementation;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 as Optimove's signed endpoints use it. */
public final class Signatures {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Signatures() {}

  /**
   * Lower-case hex HMAC-SHA256 of the exact bytes.
   *
   * @param key the key bytes (the tenant token, UTF-8)
   * @param data the exact bytes that are sent
   * @return 64 lower-case hex characters
   */
  public static String hmacSha256Hex(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest = mac.doFinal(data);
      char[] out = new char[digest.length * 2];
      for (int i = 0; i < digest.length; i++) {
        out[2 * i] = HEX[(digest[i] >> 4) & 0xF];
        out[2 * i + 1] = HEX[digest[i] & 0xF];
      }
      return new String(out);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
    }
  }
}

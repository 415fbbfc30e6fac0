package io.campaignrelay.testkit.implementation;

/** SMS segment arithmetic (GSM 03.38 7-bit vs UCS-2), as the vendors bill it. */
public final class SmsParts {
  private static final String GSM_BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  private static final String GSM_EXTENDED = "^{}\\[~]|€\f";

  private SmsParts() {}

  /**
   * Whether every character fits the GSM 7-bit alphabet (basic or extension table).
   *
   * @param text the text
   * @return true for GSM-7
   */
  public static boolean isGsm(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (GSM_BASIC.indexOf(c) < 0 && GSM_EXTENDED.indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The length in septets (extension characters count 2) for GSM text, or in UTF-16 units for
   * UCS-2.
   *
   * @param text the text
   * @param ucs2 whether the text is sent as UCS-2
   * @return the length in encoding units
   */
  public static int units(String text, boolean ucs2) {
    if (ucs2) {
      return text.length();
    }
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      n += GSM_EXTENDED.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
    }
    return n;
  }

  /**
   * The number of parts: GSM 160 single / 153 per part; UCS-2 70 single / 67 per part.
   *
   * @param text the text
   * @param ucs2 whether the text is sent as UCS-2
   * @return the part count (at least 1)
   */
  public static int parts(String text, boolean ucs2) {
    int n = units(text, ucs2);
    int single = ucs2 ? 70 : 160;
    int multi = ucs2 ? 67 : 153;
    if (n <= single) {
      return 1;
    }
    return (n + multi - 1) / multi;
  }
}

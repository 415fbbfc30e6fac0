package io.campaignrelay.delivyr.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written checks accept exactly what the regexes they replace accepted. */
class SendMessageChecksTest {

  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
  private static final Pattern TEMPLATE_ID = Pattern.compile("[0-9A-Z]{8}");
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

  private static List<String> samples() {
    List<String> out =
        new ArrayList<>(
            List.of(
                "",
                "+",
                "+0",
                "+1234567",
                "+12345678",
                "+447700900123",
                "+123456789012345",
                "+1234567890123456",
                "447700900123",
                "+44 7700900123",
                "+4477009001２3",
                "HDS7F3Y2",
                "hds7f3y2",
                "HDS7F3Y",
                "HDS7F3Y22",
                "cr1-0123456789abcdef",
                "a b",
                "~!",
                "\u007f",
                "é",
                "x".repeat(255),
                "x".repeat(256)));
    Random random = new Random(42);
    String alphabet = "+0123456789AZaz !~\u007f\u00e9-_";
    for (int i = 0; i < 20_000; i++) {
      int n = random.nextInt(18);
      StringBuilder sb = new StringBuilder();
      for (int j = 0; j < n; j++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      out.add(sb.toString());
      String digits = Long.toString(random.nextLong() & Long.MAX_VALUE);
      out.add(
          "+"
              + (1 + random.nextInt(9))
              + digits.substring(0, Math.min(digits.length(), random.nextInt(16))));
    }
    return out;
  }

  @Test
  void theChecksMatchTheRegexes() {
    for (String s : samples()) {
      assertThat(SendMessageRequest.isE164(s))
          .as("E.164 %s", s)
          .isEqualTo(E164.matcher(s).matches());
      assertThat(SendMessageRequest.isTemplateId(s))
          .as("template %s", s)
          .isEqualTo(TEMPLATE_ID.matcher(s).matches());
      assertThat(SendMessageRequest.isKey(s)).as("key %s", s).isEqualTo(KEY.matcher(s).matches());
    }
  }
}

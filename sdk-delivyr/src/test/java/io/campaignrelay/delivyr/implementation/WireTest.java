package io.campaignrelay.delivyr.implementation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireTest {
  @Test
  void theSettingsBodyNeverPrintsItsCredentials() {
    Wire.Integration body =
        new Wire.Integration(
            true,
            "https://api5.optimove.net/",
            "key-123456",
            List.of("MOBILE_NUMBER"),
            Map.of(),
            "42",
            "token-abcdef",
            "https://shop.example/");
    assertThat(body.toString())
        .doesNotContain("key-123456", "token-abcdef")
        .contains("apiKey=****", "tenantToken=****", "tenantId=42");
  }
}

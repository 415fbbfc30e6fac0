package io.campaignrelay.spring;

import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks secrets in {@code /actuator/env} and {@code /actuator/configprops}, even when the host
 * shows values ({@code management.endpoint.*.show-values=always}): every key whose last segment
 * ends in {@code api-key}, {@code hash}, {@code password}, {@code secret}, {@code token} or {@code
 * signature} (any case or separator: {@code apiKey}, {@code API_KEY}), in every property source.
 * This covers Campaign Relay's own credentials under {@code campaignrelay.*} and, deliberately, the
 * host's similarly named ones.
 */
public final class CampaignRelaySanitizer implements SanitizingFunction {
  private static final Pattern SECRET =
      Pattern.compile(".*(apikey|hash|password|secret|token|signature)$");

  /** Creates the sanitizer. */
  public CampaignRelaySanitizer() {}

  @Override
  public SanitizableData apply(SanitizableData data) {
    String key = data.getKey();
    if (key == null) {
      return data;
    }
    String k = key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    int dot = k.lastIndexOf('.');
    String last = k.substring(dot + 1);
    return SECRET.matcher(last).matches() ? data.withValue(SanitizableData.SANITIZED_VALUE) : data;
  }
}

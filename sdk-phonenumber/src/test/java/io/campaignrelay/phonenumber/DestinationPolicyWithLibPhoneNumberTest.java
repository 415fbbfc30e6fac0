package io.campaignrelay.phonenumber;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.DestinationPolicy;
import io.campaignrelay.core.DestinationVerdict;
import io.campaignrelay.core.DestinationVerdict.Reason;
import io.campaignrelay.core.PhoneNumberParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The destination policy (core) fed by libphonenumber's types and regions. */
class DestinationPolicyWithLibPhoneNumberTest {

  private final PhoneNumberParser parser = LibPhoneNumberParser.forRegion("GB");
  private final DestinationPolicy policy =
      DestinationPolicy.builder().allowedRegions("GB", "IE").allowedPrefixes("+3538").build();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "07400 123456|ALLOWED_REGION",
        "+353 85 123 4567|ALLOWED_PREFIX",
        "+353 1 234 5678|CANNOT_RECEIVE_SMS",
        "0909 879 0000|PREMIUM_RATE",
        "0845 464 0000|PREMIUM_RATE",
        "020 7946 0123|CANNOT_RECEIVE_SMS",
        "0800 123 4567|CANNOT_RECEIVE_SMS",
        "+33 6 12 34 56 78|NOT_ALLOWED",
        "+1 201 555 0123|NOT_ALLOWED",
        "+881 6 123 45678|UNKNOWN_REGION",
        "+870 301 234 567|UNKNOWN_REGION",
        "+979 1 2345 6789|PREMIUM_RATE",
        "+800 1234 5678|CANNOT_RECEIVE_SMS",
        "+44 7400 12345|INVALID_NUMBER",
        "call me|INVALID_NUMBER",
        "''|INVALID_NUMBER",
      })
  void refusesPremiumRateForeignAndUnknownCountryNumbers(String input, Reason reason) {
    DestinationVerdict verdict = policy.verdictFor(input, parser);

    assertThat(verdict.reason()).isEqualTo(reason);
    assertThat(verdict.allowed())
        .isEqualTo(reason == Reason.ALLOWED_REGION || reason == Reason.ALLOWED_PREFIX);
    assertThat(verdict.details().isPresent()).isEqualTo(reason != Reason.INVALID_NUMBER);
    // A refusal log line carries no phone number unless the caller adds one.
    assertThat(verdict.message()).doesNotContain(input.isEmpty() ? "\u0000" : input);
    verdict
        .details()
        .ifPresent(d -> assertThat(verdict.message()).doesNotContain(d.number().digits()));
  }

  @ParameterizedTest
  @CsvSource({"+44 909 879 0000", "+61 1900 123 456", "+33 8 91 12 34 56", "+1 900 234 5678"})
  void premiumRateIsRefusedEvenWhenItsRegionAndPrefixAreAllowed(String input) {
    DestinationPolicy permissive =
        DestinationPolicy.builder()
            .allowedRegions("GB", "AU", "FR", "US")
            .allowedPrefixes("+4", "+6", "+3", "+1")
            .build();
    assertThat(permissive.verdictFor(input, parser).reason()).isEqualTo(Reason.PREMIUM_RATE);
  }
}

package io.campaignrelay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.DestinationVerdict.Reason;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DestinationPolicyTest {

  private final DestinationPolicy policy =
      DestinationPolicy.builder().allowedRegions("gb", "IN").allowedPrefixes("+3538").build();

  private static PhoneNumberDetails details(String e164, PhoneNumberType type, String region) {
    return PhoneNumberDetails.builder()
        .number(PhoneNumber.ofE164(e164))
        .type(type)
        .regionCode(region)
        .build();
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "+447400123456|MOBILE|GB|ALLOWED_REGION",
        "+919812345678|MOBILE|IN|ALLOWED_REGION",
        "+12015550123|FIXED_LINE_OR_MOBILE|US|NOT_ALLOWED",
        "+353851234567|MOBILE|IE|ALLOWED_PREFIX",
        "+353851234567|UNKNOWN|-|ALLOWED_PREFIX",
        "+449098790000|PREMIUM_RATE|GB|PREMIUM_RATE",
        "+353891234567|PREMIUM_RATE|IE|PREMIUM_RATE",
        "+442079460123|FIXED_LINE|GB|CANNOT_RECEIVE_SMS",
        "+448001234567|TOLL_FREE|GB|CANNOT_RECEIVE_SMS",
        "+881612345678|MOBILE|-|UNKNOWN_REGION",
        "+447400123456|UNKNOWN|-|UNKNOWN_REGION",
        "+33612345678|MOBILE|FR|NOT_ALLOWED",
      })
  void rulesInOrder(String e164, PhoneNumberType type, String region, Reason expected) {
    PhoneNumberDetails d = details(e164, type, region);

    DestinationVerdict verdict = policy.verdictFor(d);

    assertThat(verdict.reason()).isEqualTo(expected);
    assertThat(verdict.allowed())
        .isEqualTo(expected == Reason.ALLOWED_REGION || expected == Reason.ALLOWED_PREFIX);
    assertThat(verdict.details()).contains(d);
    assertThat(verdict.message()).doesNotContain(d.number().digits());
    assertThat(verdict.toString()).startsWith("DestinationVerdict{" + expected + ": ");
  }

  @Test
  void aPolicyThatAllowsNothingRefusesEverything() {
    DestinationPolicy none = DestinationPolicy.builder().build();
    DestinationVerdict v = none.verdictFor(details("+447400123456", PhoneNumberType.MOBILE, "GB"));
    assertThat(v.allowed()).isFalse();
    assertThat(v.reason()).isEqualTo(Reason.NOT_ALLOWED);
    assertThat(v.message()).contains("the policy allows no region or prefix");
  }

  @Test
  void withTheBasicParserOnlyPrefixesLetNumbersThrough() {
    PhoneNumberParser basic = PhoneNumberParser.basic(44);
    assertThat(policy.verdictFor("07400 123456", basic).reason()).isEqualTo(Reason.UNKNOWN_REGION);
    DestinationPolicy byPrefix = DestinationPolicy.builder().allowedPrefixes("+447").build();
    assertThat(byPrefix.verdictFor("07400 123456", basic).reason())
        .isEqualTo(Reason.ALLOWED_PREFIX);
    assertThat(byPrefix.verdictFor("020 7946 0123", basic).reason())
        .isEqualTo(Reason.UNKNOWN_REGION);
  }

  @Test
  void invalidInputIsAVerdictNotAnException() {
    PhoneNumberParser basic = PhoneNumberParser.basic(44);
    for (String input : Arrays.asList(null, "", "call me", "+44 12", "12345678901234567890")) {
      DestinationVerdict v = policy.verdictFor(input, basic);
      assertThat(v.reason()).as(String.valueOf(input)).isEqualTo(Reason.INVALID_NUMBER);
      assertThat(v.allowed()).isFalse();
      assertThat(v.details()).isEmpty();
      assertThat(v.message()).startsWith("the input is not a usable phone number: ");
      if (input != null && !input.isEmpty()) {
        assertThat(v.message()).doesNotContain(input);
      }
    }
    assertThat(policy.verdictFor((PhoneNumberDetails) null).reason())
        .isEqualTo(Reason.INVALID_NUMBER);
    assertThatThrownBy(() -> policy.verdictFor("+447400123456", null))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("parser='<missing>'");
  }

  @Test
  void settingsAreCheckedAllAtOnce() {
    assertThatThrownBy(
            () ->
                DestinationPolicy.builder()
                    .allowedRegions(Arrays.asList("UK", "G1", null, "XK"))
                    .allowedPrefixes("44", "+0", "+44a", "+", "+4412345678901234")
                    .build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigurationProblem::field)
                    .containsExactly(
                        "allowedRegions[0]",
                        "allowedRegions[1]",
                        "allowedRegions[2]",
                        "allowedPrefixes[0]",
                        "allowedPrefixes[1]",
                        "allowedPrefixes[2]",
                        "allowedPrefixes[3]",
                        "allowedPrefixes[4]"))
        .hasMessageContaining("the United Kingdom is GB")
        .hasMessageContaining("starting with 0");
  }

  @Test
  void toBuilderAndAccessors() {
    SmsCapabilityRule rule = SmsCapabilityRule.builder().voipAllowed(false).build();
    DestinationPolicy p =
        policy.toBuilder().smsCapabilityRule(rule).allowedPrefixes(List.of(" +44 ")).build();
    assertThat(p.allowedRegions()).containsExactly("GB", "IN");
    assertThat(p.allowedPrefixes()).containsExactly("+44");
    assertThat(p.smsCapabilityRule()).isEqualTo(rule);
    assertThat(p.verdictFor(details("+445612345678", PhoneNumberType.VOIP, "GB")).reason())
        .isEqualTo(Reason.CANNOT_RECEIVE_SMS);
    assertThat(policy.smsCapabilityRule()).isEqualTo(SmsCapabilityRule.defaults());
    assertThat(p.toString()).contains("allowedRegions=[GB, IN]").contains("allowedPrefixes=[+44]");
    assertThat(DestinationPolicy.builder().smsCapabilityRule(null).build().smsCapabilityRule())
        .isEqualTo(SmsCapabilityRule.defaults());
  }
}

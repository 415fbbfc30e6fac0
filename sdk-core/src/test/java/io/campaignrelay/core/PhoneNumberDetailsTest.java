package io.campaignrelay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PhoneNumberDetailsTest {

  private static final PhoneNumber GB_MOBILE = PhoneNumber.ofE164("+447400123456");

  @Test
  void builderKeepsEveryField() {
    PhoneNumberDetails d =
        PhoneNumberDetails.builder()
            .number(GB_MOBILE)
            .type(PhoneNumberType.MOBILE)
            .regionCode("gb")
            .countryCallingCode(44)
            .build();

    assertThat(d.number()).isEqualTo(GB_MOBILE);
    assertThat(d.type()).isEqualTo(PhoneNumberType.MOBILE);
    assertThat(d.regionCode()).contains("GB");
    assertThat(d.countryCallingCode()).hasValue(44);
    assertThat(d.canReceiveSms()).isTrue();
    assertThat(d.toBuilder().build()).isEqualTo(d).hasSameHashCodeAs(d);
    assertThat(d.toBuilder().type(PhoneNumberType.FIXED_LINE).build()).isNotEqualTo(d);
    assertThat(d.toString())
        .isEqualTo("PhoneNumberDetails{number=+447400123456, type=MOBILE, region=GB, cc=44}");
  }

  @Test
  void unclassifiedSaysNothingBeyondTheNumber() {
    PhoneNumberDetails d = PhoneNumberDetails.unclassified(GB_MOBILE);
    assertThat(d.type()).isEqualTo(PhoneNumberType.UNKNOWN);
    assertThat(d.regionCode()).isEmpty();
    assertThat(d.countryCallingCode()).isEmpty();
    // Unknown types are allowed by the default rule: a parser without data refuses nothing.
    assertThat(d.canReceiveSms()).isTrue();
    assertThat(
            d.smsCapability(SmsCapabilityRule.builder().unknownAllowed(false).build())
                .canReceiveSms())
        .isFalse();
    assertThat(d.toString()).contains("type=UNKNOWN, region=unknown, cc=unknown");
  }

  @Test
  void smsCapabilityOfAFixedLineNumber() {
    PhoneNumberDetails d =
        PhoneNumberDetails.builder()
            .number(PhoneNumber.ofE164("+442079460123"))
            .type(PhoneNumberType.FIXED_LINE)
            .build();
    assertThat(d.canReceiveSms()).isFalse();
    assertThat(d.smsCapability(null).reason()).contains("landline");
    assertThat(d.smsCapability(null).certain()).isTrue();
  }

  @Test
  void buildListsEveryProblem() {
    assertThatThrownBy(
            () ->
                PhoneNumberDetails.builder()
                    .regionCode("G1")
                    .countryCallingCode(1000)
                    .type(null)
                    .build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigurationProblem::field)
                    .containsExactly("number", "regionCode", "countryCallingCode"));
    assertThatThrownBy(
            () -> PhoneNumberDetails.builder().number(GB_MOBILE).countryCallingCode(33).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("does not begin the number +447400123456");
    assertThatThrownBy(() -> PhoneNumberDetails.unclassified(null))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("number='<missing>'");
  }

  @Test
  void defaultDescribeOfAnyParserIsUnclassified() {
    assertThat(PhoneNumberParser.basic(44).describe("07400 123456"))
        .isEqualTo(PhoneNumberDetails.unclassified(GB_MOBILE));
    PhoneNumberParser lambda = PhoneNumber::ofE164;
    assertThat(lambda.describe("+447400123456").number()).isEqualTo(GB_MOBILE);
    assertThatThrownBy(() -> lambda.describe("07400 123456"))
        .isInstanceOfSatisfying(
            InvalidPhoneNumberException.class,
            e ->
                assertThat(e.reason())
                    .isEqualTo(InvalidPhoneNumberException.Reason.NO_COUNTRY_CODE));
  }
}

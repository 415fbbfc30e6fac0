package io.campaignrelay.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SmsCapabilityRuleTest {

  private static final Set<PhoneNumberType> CANNOT =
      EnumSet.of(
          PhoneNumberType.FIXED_LINE,
          PhoneNumberType.PREMIUM_RATE,
          PhoneNumberType.TOLL_FREE,
          PhoneNumberType.SHARED_COST,
          PhoneNumberType.UAN,
          PhoneNumberType.VOICEMAIL,
          PhoneNumberType.PAGER);

  private static final Set<PhoneNumberType> UNCERTAIN =
      EnumSet.of(
          PhoneNumberType.FIXED_LINE_OR_MOBILE,
          PhoneNumberType.VOIP,
          PhoneNumberType.PERSONAL_NUMBER,
          PhoneNumberType.UNKNOWN);

  @ParameterizedTest
  @EnumSource(PhoneNumberType.class)
  void defaultRuleForEveryType(PhoneNumberType type) {
    SmsCapability c = SmsCapabilityRule.defaults().capabilityOf(type);

    assertThat(c.type()).isEqualTo(type);
    assertThat(c.canReceiveSms()).isEqualTo(!CANNOT.contains(type));
    assertThat(c.certain()).isEqualTo(!UNCERTAIN.contains(type));
    assertThat(c.reason()).isNotBlank();
    assertThat(SmsCapabilityRule.defaults().canReceiveSms(type)).isEqualTo(c.canReceiveSms());
  }

  @ParameterizedTest
  @EnumSource(PhoneNumberType.class)
  void theStrictestRuleStillAllowsMobileAndOnlyMobile(PhoneNumberType type) {
    SmsCapabilityRule strict =
        SmsCapabilityRule.builder()
            .fixedLineOrMobileAllowed(false)
            .voipAllowed(false)
            .personalNumberAllowed(false)
            .unknownAllowed(false)
            .build();

    assertThat(strict.canReceiveSms(type)).isEqualTo(type == PhoneNumberType.MOBILE);
    assertThat(strict.capabilityOf(type).certain()).isEqualTo(!UNCERTAIN.contains(type));
  }

  @Test
  void reasonsSayWhyTheUncertainTypesWereDecided() {
    SmsCapabilityRule rule = SmsCapabilityRule.builder().voipAllowed(false).build();
    assertThat(rule.capabilityOf(PhoneNumberType.FIXED_LINE_OR_MOBILE).reason())
        .contains("does not tell mobile from fixed-line")
        .contains("the vendor decides");
    assertThat(rule.capabilityOf(PhoneNumberType.VOIP).reason())
        .contains("this rule refuses VoIP numbers");
    assertThat(rule.capabilityOf(PhoneNumberType.PREMIUM_RATE).reason()).contains("SMS pumping");
  }

  @Test
  void nullTypeIsUnknown() {
    assertThat(SmsCapabilityRule.defaults().capabilityOf(null).type())
        .isEqualTo(PhoneNumberType.UNKNOWN);
    assertThat(SmsCapabilityRule.builder().unknownAllowed(false).build().canReceiveSms(null))
        .isFalse();
  }

  @Test
  void toBuilderEqualsAndToString() {
    SmsCapabilityRule rule =
        SmsCapabilityRule.builder()
            .fixedLineOrMobileAllowed(false)
            .personalNumberAllowed(false)
            .build();
    assertThat(rule.toBuilder().build()).isEqualTo(rule).hasSameHashCodeAs(rule);
    assertThat(rule).isNotEqualTo(SmsCapabilityRule.defaults());
    assertThat(rule.fixedLineOrMobileAllowed()).isFalse();
    assertThat(rule.voipAllowed()).isTrue();
    assertThat(rule.personalNumberAllowed()).isFalse();
    assertThat(rule.unknownAllowed()).isTrue();
    assertThat(SmsCapabilityRule.builder().build()).isEqualTo(SmsCapabilityRule.defaults());
    assertThat(rule.toString())
        .isEqualTo(
            "SmsCapabilityRule{fixedLineOrMobileAllowed=false, voipAllowed=true,"
                + " personalNumberAllowed=false, unknownAllowed=true}");
  }
}

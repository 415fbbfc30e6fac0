package io.campaignrelay.phonenumber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.DestinationPolicy;
import io.campaignrelay.core.DestinationVerdict;
import io.campaignrelay.core.InvalidPhoneNumberException;
import io.campaignrelay.core.InvalidPhoneNumberException.Reason;
import io.campaignrelay.core.PhoneNumberDetails;
import io.campaignrelay.core.PhoneNumberParser;
import io.campaignrelay.core.PhoneNumberType;
import io.campaignrelay.core.SmsCapabilityRule;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class LibPhoneNumberParserTest {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  @ParameterizedTest(name = "{0} {1} -> {2} {3} {4}")
  @CsvSource(
      delimiter = '|',
      value = {
        // United Kingdom: national with and without trunk prefix, international with + and 00
        "GB|07400 123456|+447400123456|GB|MOBILE",
        "GB|07400-123-456|+447400123456|GB|MOBILE",
        "GB|+44 7400 123456|+447400123456|GB|MOBILE",
        "GB|+44 (0)7400 123456|+447400123456|GB|MOBILE",
        "GB|0044 7400 123456|+447400123456|GB|MOBILE",
        "GB|020 7946 0123|+442079460123|GB|FIXED_LINE",
        "GB|0121 234 5678|+441212345678|GB|FIXED_LINE",
        "GB|0800 123 4567|+448001234567|GB|TOLL_FREE",
        "GB|0909 879 0000|+449098790000|GB|PREMIUM_RATE",
        "GB|056 1234 5678|+445612345678|GB|VOIP",
        "GB|070 1234 5678|+447012345678|GB|PERSONAL_NUMBER",
        "GB|07640 123456|+447640123456|GB|PAGER",
        "GB|055 1234 5678|+445512345678|GB|UAN",
        // India: with the trunk 0, without it, and with the country code but no plus
        "IN|09812345678|+919812345678|IN|MOBILE",
        "IN|98123 45678|+919812345678|IN|MOBILE",
        "IN|919812345678|+919812345678|IN|MOBILE",
        "IN|+91 98123 45678|+919812345678|IN|MOBILE",
        "IN|011 2345 6789|+911123456789|IN|FIXED_LINE",
        "IN|1800 123 456|+911800123456|IN|TOLL_FREE",
        // United States: mobile and fixed-line share ranges
        "US|(201) 555-0123|+12015550123|US|FIXED_LINE_OR_MOBILE",
        "US|1 201 555 0123|+12015550123|US|FIXED_LINE_OR_MOBILE",
        "US|201.555.0123|+12015550123|US|FIXED_LINE_OR_MOBILE",
        "US|800 234 5678|+18002345678|US|TOLL_FREE",
        "US|+1 900 234 5678|+19002345678|US|PREMIUM_RATE",
        "US|011 44 7400 123456|+447400123456|GB|MOBILE",
        "US|0044 7400 123456|+447400123456|GB|MOBILE",
        // Germany
        "DE|0151 23456789|+4915123456789|DE|MOBILE",
        "DE|030 123456|+4930123456|DE|FIXED_LINE",
        "DE|0900 1234567|+499001234567|DE|PREMIUM_RATE",
        "DE|+49 151 23456789|+4915123456789|DE|MOBILE",
        // France
        "FR|06 12 34 56 78|+33612345678|FR|MOBILE",
        "FR|01 23 45 67 89|+33123456789|FR|FIXED_LINE",
        "FR|08 91 12 34 56|+33891123456|FR|PREMIUM_RATE",
        "FR|09 12 34 56 78|+33912345678|FR|VOIP",
        "FR|0033 6 12 34 56 78|+33612345678|FR|MOBILE",
        // Australia
        "AU|0412 345 678|+61412345678|AU|MOBILE",
        "AU|(02) 1234 5678|+61212345678|AU|FIXED_LINE",
        "AU|1900 123 456|+611900123456|AU|PREMIUM_RATE",
        "AU|1800 123 456|+611800123456|AU|TOLL_FREE",
        "AU|+61 412 345 678|+61412345678|AU|MOBILE",
        // A number of another region given to a parser of one region
        "GB|+33 6 12 34 56 78|+33612345678|FR|MOBILE",
        "IN|+61 412 345 678|+61412345678|AU|MOBILE",
      })
  void parsesAndDescribesNumbersPerRegionAndType(
      String defaultRegion, String input, String e164, String region, PhoneNumberType type) {
    LibPhoneNumberParser parser = LibPhoneNumberParser.forRegion(defaultRegion);

    PhoneNumberDetails details = parser.describe(input);

    assertThat(details.number().e164()).isEqualTo(e164);
    assertThat(details.regionCode()).contains(region);
    assertThat(details.type()).isEqualTo(type);
    assertThat(details.countryCallingCode().getAsInt())
        .isEqualTo(UTIL.getCountryCodeForRegion(region));
    assertThat(parser.parse(input)).isEqualTo(details.number());
  }

  @Test
  void smsCapabilityFollowsTheType() {
    LibPhoneNumberParser gb = LibPhoneNumberParser.forRegion("GB");
    assertThat(gb.describe("07400 123456").canReceiveSms()).isTrue();
    assertThat(gb.describe("020 7946 0123").canReceiveSms()).isFalse();
    assertThat(gb.describe("0909 879 0000").canReceiveSms()).isFalse();
    assertThat(gb.describe("0800 123 4567").canReceiveSms()).isFalse();
    // Allowed with the reason noted: the plan cannot tell for US numbers.
    PhoneNumberDetails us = LibPhoneNumberParser.forRegion("US").describe("(201) 555-0123");
    assertThat(us.canReceiveSms()).isTrue();
    assertThat(us.smsCapability(null).certain()).isFalse();
    assertThat(us.smsCapability(null).reason()).contains("does not tell mobile from fixed-line");
  }

  @Test
  void everyExampleNumberOfTheSixRegionsIsDescribedWithItsType() {
    int checked = 0;
    for (String region : List.of("GB", "IN", "US", "DE", "FR", "AU")) {
      LibPhoneNumberParser parser = LibPhoneNumberParser.forRegion(region);
      for (PhoneNumberUtil.PhoneNumberType t : PhoneNumberUtil.PhoneNumberType.values()) {
        Phonenumber.PhoneNumber example = UTIL.getExampleNumberForType(region, t);
        if (example == null) {
          continue;
        }
        String national = UTIL.format(example, PhoneNumberFormat.NATIONAL);
        PhoneNumberDetails d = parser.describe(national);
        assertThat(d.number().e164())
            .as("%s %s", region, t)
            .isEqualTo(UTIL.format(example, PhoneNumberFormat.E164));
        assertThat(d.type().name())
            .as("%s %s", region, national)
            .isEqualTo(UTIL.getNumberType(example).name());
        assertThat(d.regionCode()).contains(region);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(40);
  }

  @Test
  void premiumRateExamplesOfEveryRegionArePremiumRateAndCannotReceiveSms() {
    LibPhoneNumberParser international = LibPhoneNumberParser.international();
    int checked = 0;
    for (String region : UTIL.getSupportedRegions()) {
      Phonenumber.PhoneNumber example =
          UTIL.getExampleNumberForType(region, PhoneNumberUtil.PhoneNumberType.PREMIUM_RATE);
      if (example == null) {
        continue;
      }
      PhoneNumberDetails d =
          international.describe(UTIL.format(example, PhoneNumberFormat.INTERNATIONAL));
      assertThat(d.type()).as(region).isEqualTo(PhoneNumberType.PREMIUM_RATE);
      assertThat(d.canReceiveSms()).as(region).isFalse();
      checked++;
    }
    assertThat(checked).as("regions with a premium-rate example").isGreaterThan(100);
  }

  @Test
  void ofcomDramaNumbersAreNotAssignedSoTheyAreRejected() {
    // +447700900123 is this SDK's example number: fine for the basic parser, never assigned.
    assertThatThrownBy(() -> LibPhoneNumberParser.forRegion("GB").parse("07700 900123"))
        .isInstanceOfSatisfying(
            InvalidPhoneNumberException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_VALID_NUMBER))
        .hasMessageContaining("phoneNumber='07700 900123'")
        .hasMessageContaining("is not a valid number of +44 (GB)")
        .hasMessageContaining("national input is read as a number of GB");
    assertThat(PhoneNumberParser.basic(44).parse("07700 900123").e164()).isEqualTo("+447700900123");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   ", "\t"})
  void emptyInputIsTyped(String input) {
    assertRejected(LibPhoneNumberParser.forRegion("GB"), input, Reason.EMPTY, "is empty");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "abc|LETTERS|has letters",
        "0800 FLOWERS|LETTERS|vanity numbers",
        "07400 123456 ext 12|LETTERS|extensions",
        "+44 7400 123456#|INVALID_CHARACTER|'#'",
        "44+7400123456|INVALID_CHARACTER|'+'",
        "+-()|EMPTY|has no digits",
        "12|TOO_SHORT|too short",
        "+44 12|TOO_SHORT|too short",
        "0740012345678901|TOO_LONG|too long",
        "+44 7400 123456 789012|TOO_LONG|too long",
        "+999 123 456|BAD_COUNTRY_CODE|country calling code",
        "07400 12345|NOT_A_VALID_NUMBER|+44 (GB)",
        "0000 000000|BAD_COUNTRY_CODE|country calling code",
        "0999 999 9999|NOT_A_VALID_NUMBER|no such range",
      })
  void badInputIsTypedAndNamesTheValueAndTheFix(String input, Reason reason, String fix) {
    assertRejected(LibPhoneNumberParser.forRegion("GB"), input, reason, fix);
  }

  @Test
  void overlongInputIsRejectedBeforeParsing() {
    String input = "1".repeat(LibPhoneNumberParser.MAX_INPUT_LENGTH + 1);
    assertThatThrownBy(() -> LibPhoneNumberParser.forRegion("GB").parse(input))
        .isInstanceOfSatisfying(
            InvalidPhoneNumberException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LONG))
        .hasMessageContaining("65 characters")
        // the value is cut, as core does for every rejected value
        .hasMessageContaining("...(65 chars)");
  }

  @Test
  void controlCharactersAreNamedNotPrinted() {
    assertThatThrownBy(() -> LibPhoneNumberParser.forRegion("GB").parse("07400\u0000123456"))
        .isInstanceOfSatisfying(
            InvalidPhoneNumberException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_CHARACTER))
        .hasMessageContaining("U+0000")
        .hasMessageNotContaining("\u0000");
  }

  @Test
  void internationalOnlyParserNeedsAPlusOr00() {
    LibPhoneNumberParser international = LibPhoneNumberParser.international();
    assertThat(international.defaultRegion()).isEmpty();
    assertThat(international.parse("+44 7400 123456").e164()).isEqualTo("+447400123456");
    assertThat(international.parse("0044 7400 123456").e164()).isEqualTo("+447400123456");
    assertThat(international.parse("00 91 98123 45678").e164()).isEqualTo("+919812345678");
    assertRejected(international, "07400 123456", Reason.NO_COUNTRY_CODE, "forRegion(\"GB\")");
  }

  @Test
  void nonGeographicNumbersHaveNoRegion() {
    PhoneNumberDetails d = LibPhoneNumberParser.forRegion("GB").describe("+800 1234 5678");
    assertThat(d.regionCode()).isEmpty();
    assertThat(d.countryCallingCode().getAsInt()).isEqualTo(800);
    assertThat(d.type()).isEqualTo(PhoneNumberType.TOLL_FREE);
  }

  @Test
  void allowedRegionsRejectOtherRegionsAndNonGeographicNumbers() {
    LibPhoneNumberParser parser =
        LibPhoneNumberParser.builder().defaultRegion("in").allowedRegions("IN", "gb").build();
    assertThat(parser.allowedRegions()).containsExactly("GB", "IN");
    assertThat(parser.parse("98123 45678").e164()).isEqualTo("+919812345678");
    assertThat(parser.parse("+44 7400 123456").e164()).isEqualTo("+447400123456");
    assertRejected(parser, "+33 6 12 34 56 78", Reason.REGION_NOT_ALLOWED, "a number of FR");
    assertRejected(parser, "+800 1234 5678", Reason.REGION_NOT_ALLOWED, "non-geographic");
    assertThatThrownBy(() -> parser.describe("+1 201 555 0123"))
        .isInstanceOf(InvalidPhoneNumberException.class)
        .hasMessageContaining("add the region to allowedRegions");
  }

  @Test
  void regionsSharingACallingCodeAreSeparate() {
    // 07911 12xxxx is a Guernsey mobile range, 07797 a Jersey one: +44 numbers, not GB ones.
    LibPhoneNumberParser any = LibPhoneNumberParser.forRegion("GB");
    assertThat(any.describe("07911 123456").regionCode()).contains("GG");
    assertThat(any.describe("07797 123456").regionCode()).contains("JE");
    LibPhoneNumberParser gbOnly = any.toBuilder().allowedRegions("GB").build();
    assertRejected(gbOnly, "07911 123456", Reason.REGION_NOT_ALLOWED, "a number of GG");
    // A policy allows the whole calling code by prefix.
    DestinationPolicy byPrefix = DestinationPolicy.builder().allowedPrefixes("+44").build();
    assertThat(byPrefix.verdictFor("07911 123456", any).reason())
        .isEqualTo(DestinationVerdict.Reason.ALLOWED_PREFIX);
    DestinationPolicy byRegion = DestinationPolicy.builder().allowedRegions("GB").build();
    assertThat(byRegion.verdictFor("07911 123456", any).reason())
        .isEqualTo(DestinationVerdict.Reason.NOT_ALLOWED);
  }

  @Test
  void smsCapableOnlyRejectsNumbersThatCannotReceiveSms() {
    LibPhoneNumberParser parser =
        LibPhoneNumberParser.builder().defaultRegion("GB").smsCapableOnly(true).build();
    assertThat(parser.parse("07400 123456").e164()).isEqualTo("+447400123456");
    assertRejected(parser, "020 7946 0123", Reason.CANNOT_RECEIVE_SMS, "landline");
    assertRejected(parser, "0909 879 0000", Reason.CANNOT_RECEIVE_SMS, "premium-rate");
    assertRejected(parser, "0800 123 4567", Reason.CANNOT_RECEIVE_SMS, "toll-free");
    // describe rejects what parse rejects
    assertThatThrownBy(() -> parser.describe("020 7946 0123"))
        .isInstanceOf(InvalidPhoneNumberException.class);
    // Uncertain types follow the rule: allowed by default, refused when configured so.
    assertThat(parser.parse("+1 201 555 0123").e164()).isEqualTo("+12015550123");
    assertThat(parser.parse("056 1234 5678").e164()).isEqualTo("+445612345678");
    LibPhoneNumberParser stricter =
        parser.toBuilder()
            .smsCapabilityRule(
                SmsCapabilityRule.builder()
                    .fixedLineOrMobileAllowed(false)
                    .voipAllowed(false)
                    .build())
            .build();
    assertRejected(stricter, "+1 201 555 0123", Reason.CANNOT_RECEIVE_SMS, "may be a landline");
    assertRejected(stricter, "056 1234 5678", Reason.CANNOT_RECEIVE_SMS, "VoIP");
  }

  @Test
  void settingsAreCheckedAllAtOnce() {
    assertThatThrownBy(
            () ->
                LibPhoneNumberParser.builder()
                    .defaultRegion("UK")
                    .allowedRegions("GB", "XX", null)
                    .build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigurationProblem::field)
                    .containsExactly("defaultRegion", "allowedRegions[1]", "allowedRegions[2]"))
        .hasMessageContaining("the United Kingdom is GB")
        .hasMessageContaining("allowedRegions[1]='XX': is not a region libphonenumber knows");
    assertThatThrownBy(() -> LibPhoneNumberParser.forRegion(null).parse("1"))
        .isInstanceOf(InvalidPhoneNumberException.class)
        .extracting(e -> ((InvalidPhoneNumberException) e).reason())
        .isEqualTo(Reason.NO_COUNTRY_CODE);
    assertThatThrownBy(
            () -> LibPhoneNumberParser.builder().defaultRegion("GB").allowedRegions("IN").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("is not among allowedRegions [IN]");
  }

  @Test
  void toBuilderKeepsEverySetting() {
    SmsCapabilityRule rule = SmsCapabilityRule.builder().voipAllowed(false).build();
    LibPhoneNumberParser parser =
        LibPhoneNumberParser.builder()
            .defaultRegion(" de ")
            .allowedRegions(List.of("DE", "AT"))
            .smsCapableOnly(true)
            .smsCapabilityRule(rule)
            .build();
    LibPhoneNumberParser copy = parser.toBuilder().build();
    assertThat(copy.defaultRegion()).contains("DE");
    assertThat(copy.allowedRegions()).containsExactly("AT", "DE");
    assertThat(copy.smsCapableOnly()).isTrue();
    assertThat(copy.smsCapabilityRule()).isEqualTo(rule);
    assertThat(copy.toString())
        .isEqualTo(
            "LibPhoneNumberParser{defaultRegion=DE, allowedRegions=[AT, DE], smsCapableOnly=true}");
    assertThat(LibPhoneNumberParser.international().toString())
        .isEqualTo(
            "LibPhoneNumberParser{defaultRegion=none, allowedRegions=any, smsCapableOnly=false}");
  }

  @Test
  void everyLibPhoneNumberTypeMapsToTheCoreTypeOfTheSameName() {
    Set<PhoneNumberType> seen = EnumSet.noneOf(PhoneNumberType.class);
    for (PhoneNumberUtil.PhoneNumberType t : PhoneNumberUtil.PhoneNumberType.values()) {
      PhoneNumberType mapped = Types.of(t);
      assertThat(mapped.name()).isEqualTo(t.name());
      seen.add(mapped);
    }
    assertThat(seen).containsExactlyInAnyOrder(PhoneNumberType.values());
    assertThat(Types.of(null)).isEqualTo(PhoneNumberType.UNKNOWN);
  }

  private static void assertRejected(
      PhoneNumberParser parser, String input, Reason reason, String fix) {
    List<Throwable> thrown = new ArrayList<>();
    for (Runnable call :
        List.<Runnable>of(() -> parser.parse(input), () -> parser.describe(input))) {
      try {
        call.run();
      } catch (RuntimeException e) {
        thrown.add(e);
      }
    }
    assertThat(thrown).as("parse and describe both reject %s", input).hasSize(2);
    for (Throwable t : thrown) {
      assertThat(t)
          .isInstanceOfSatisfying(
              InvalidPhoneNumberException.class, e -> assertThat(e.reason()).isEqualTo(reason))
          .hasMessageContaining(
              "phoneNumber='"
                  + (input == null ? "<missing>" : input.replace("\t", "\\u0009"))
                  + "'")
          .hasMessageContaining(fix);
    }
  }
}

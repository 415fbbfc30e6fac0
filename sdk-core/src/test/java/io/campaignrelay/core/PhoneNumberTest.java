package io.campaignrelay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.InvalidPhoneNumberException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumberTest {

  private final PhoneNumberParser uk = PhoneNumberParser.basic(44);
  private final PhoneNumberParser intl = PhoneNumberParser.basic();

  @Test
  void e164AndDigitsRenderings() {
    PhoneNumber n = PhoneNumber.ofE164("+447700900123");
    assertThat(n.e164()).isEqualTo("+447700900123");
    assertThat(n.digits()).isEqualTo("447700900123");
    assertThat(n.format(PhoneNumber.Format.E164)).isEqualTo("+447700900123");
    assertThat(n.format(PhoneNumber.Format.DIGITS_ONLY)).isEqualTo("447700900123");
    assertThat(n.toString()).isEqualTo("+447700900123");
    assertThat(n.hasCountryCallingCode(44)).isTrue();
    assertThat(n.hasCountryCallingCode(1)).isFalse();
    assertThat(n).isEqualTo(PhoneNumber.ofE164("+447700900123")).hasSameHashCodeAs(n);
    assertThat(n.compareTo(PhoneNumber.ofE164("+447700900124"))).isNegative();
  }

  @Test
  void theParsersFormsAndOfE164AreOneNumberWhateverPathMadeThem() {
    // the common form keeps the input's text; other forms are built from cleaned digits
    PhoneNumber plain = intl.parse("+447700900123");
    PhoneNumber padded = intl.parse("  +447700900123 ");
    PhoneNumber spaced = intl.parse("+44 7700 900123");
    PhoneNumber national = uk.parse("07700 900123");
    PhoneNumber strict = PhoneNumber.ofE164("+447700900123");
    for (PhoneNumber n : java.util.List.of(plain, padded, spaced, national, strict)) {
      assertThat(n.e164()).isEqualTo("+447700900123");
      assertThat(n.digits()).isEqualTo("447700900123");
      assertThat(n.digits()).isSameAs(n.digits());
      assertThat(n.format(PhoneNumber.Format.DIGITS_ONLY)).isEqualTo("447700900123");
      assertThat(n).isEqualTo(strict).hasSameHashCodeAs(strict);
      assertThat(n.compareTo(strict)).isZero();
      assertThat(n.hasCountryCallingCode(44)).isTrue();
      assertThat(n.hasCountryCallingCode(4)).isTrue();
      assertThat(n.hasCountryCallingCode(47)).isFalse();
    }
    // the order of numbers is that of their digits, shorter prefix first
    assertThat(intl.parse("+4477009001").compareTo(intl.parse("+447700900123"))).isNegative();
    assertThat(intl.parse("+19995550100").compareTo(intl.parse("+447700900123"))).isNegative();
    assertThat(intl.parse("+5511987654321").compareTo(intl.parse("+447700900123"))).isPositive();
  }

  @Test
  void theCommonFormIsCheckedLikeEveryOther() {
    assertThatThrownBy(() -> intl.parse("+0447700900123"))
        .isInstanceOfSatisfying(
            InvalidPhoneNumberException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.BAD_COUNTRY_CODE));
    assertThatThrownBy(() -> intl.parse("+447700"))
        .isInstanceOfSatisfying(
            InvalidPhoneNumberException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_SHORT));
    assertThatThrownBy(() -> intl.parse("+4477009001234567"))
        .isInstanceOfSatisfying(
            InvalidPhoneNumberException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LONG));
    assertThatThrownBy(() -> PhoneNumber.ofE164("+"))
        .isInstanceOfSatisfying(
            InvalidPhoneNumberException.class, e -> assertThat(e.reason()).isEqualTo(Reason.EMPTY));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "447700900123|NO_COUNTRY_CODE|E.164",
        "+44 7700 900123|INVALID_CHARACTER|' '",
        "+44abc|LETTERS|has letters",
        "''|EMPTY|+447700900123",
        "+|EMPTY|+447700900123",
        "+123456|TOO_SHORT|too short (6 digits)",
        "+1234567890123456|TOO_LONG|too long (16 digits)",
        "+0447700900123|BAD_COUNTRY_CODE|starting with 0"
      })
  void strictE164RejectsWithAReason(String input, Reason reason, String message) {
    assertThatThrownBy(() -> PhoneNumber.ofE164(input))
        .isInstanceOfSatisfying(
            InvalidPhoneNumberException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessageContaining("phoneNumber='" + input + "'")
        .hasMessageContaining(message);
  }

  @Test
  void lengthLimitsAreInclusive() {
    assertThat(PhoneNumber.ofE164("+1234567").digits()).hasSize(PhoneNumber.MIN_DIGITS);
    assertThat(PhoneNumber.ofE164("+123456789012345").digits()).hasSize(PhoneNumber.MAX_DIGITS);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "+447700900123|+447700900123",
        "+44 7700 900123|+447700900123",
        "+44 (0)7700 900123|+4407700900123",
        "0044 7700 900123|+447700900123",
        "07700 900123|+447700900123",
        "07700-900-123|+447700900123",
        "(07700) 900.123|+447700900123",
        "7700900123|+447700900123",
        "447700900123|+447700900123",
        "'  07700900123  '|+447700900123",
        "+1 (415) 555-0123|+14155550123"
      })
  void basicParserWithDefaultCountry(String input, String e164) {
    assertThat(uk.parse(input).e164()).isEqualTo(e164);
  }

  @Test
  void basicParserRoundTripsBothRenderings() {
    PhoneNumber n = PhoneNumber.ofE164("+447700900123");
    assertThat(uk.parse(n.e164())).isEqualTo(n);
    assertThat(uk.parse(n.digits())).isEqualTo(n);
    assertThat(intl.parse(n.e164())).isEqualTo(n);
  }

  @Test
  void northAmericanDefault() {
    PhoneNumberParser us = PhoneNumberParser.basic(1);
    assertThat(us.parse("415 555 0123").e164()).isEqualTo("+14155550123");
    assertThat(us.parse("1 415 555 0123").e164()).isEqualTo("+14155550123");
    assertThat(us.parse("+1-415-555-0123").e164()).isEqualTo("+14155550123");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "+44abc|LETTERS|has letters: give digits only, with an optional leading '+' and country"
            + " calling code",
        "0800 FLOWERS|LETTERS|has letters",
        "07700 900123 ext 5|LETTERS|has letters",
        "+44 7700#900123|INVALID_CHARACTER|'#'",
        "44+7700900123|INVALID_CHARACTER|'+'",
        "''|EMPTY|is empty",
        "'   '|EMPTY|is empty",
        "()--|EMPTY|has no digits",
        "123|TOO_SHORT|too short",
        "+44 1234 5678 9012 34|TOO_LONG|too long",
        "+0 7700 900123|BAD_COUNTRY_CODE|starting with 0"
      })
  void basicParserRejectsGarbageWithAReason(String input, Reason reason, String message) {
    assertThatThrownBy(() -> uk.parse(input))
        .isInstanceOfSatisfying(
            InvalidPhoneNumberException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessageContaining("phoneNumber='" + input + "'")
        .hasMessageContaining(message);
  }

  @Test
  void nullIsEmpty() {
    assertThatThrownBy(() -> uk.parse(null))
        .isInstanceOfSatisfying(
            InvalidPhoneNumberException.class, e -> assertThat(e.reason()).isEqualTo(Reason.EMPTY))
        .hasMessageContaining("<missing>");
  }

  @Test
  void nationalNumberWithoutCountryIsRejected() {
    assertThatThrownBy(() -> intl.parse("07700 900123"))
        .isInstanceOfSatisfying(
            InvalidPhoneNumberException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NO_COUNTRY_CODE))
        .hasMessageContaining("national number without a country")
        .hasMessageContaining("PhoneNumberParser.basic(int)");
    assertThatThrownBy(() -> intl.parse("447700900123"))
        .isInstanceOf(InvalidPhoneNumberException.class)
        .hasMessageContaining("without a country");
  }

  @Test
  void invalidPhoneNumberIsAConfigurationException() {
    assertThatThrownBy(() -> uk.parse("abc"))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(
            e ->
                assertThat(((ConfigurationException) e).problems().get(0).field())
                    .isEqualTo("phoneNumber"));
  }

  @Test
  void defaultCountryCodeIsValidated() {
    assertThatThrownBy(() -> PhoneNumberParser.basic(0))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("defaultCountryCallingCode='0'")
        .hasMessageContaining("1 to 999");
    assertThatThrownBy(() -> PhoneNumberParser.basic(1000))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'1000'");
    assertThat(PhoneNumberParser.basic(999).toString()).contains("999");
  }

  @Test
  void aPluggedParserIsUsedAsIs() {
    PhoneNumberParser fake =
        input -> {
          if (input.startsWith("9")) {
            throw new InvalidPhoneNumberException(
                input, Reason.NOT_A_VALID_NUMBER, "is not an assigned number");
          }
          return PhoneNumber.ofE164("+44" + input.substring(1));
        };
    CustomerAttributes a = CustomerAttributes.builder().add("PHONE", "07700900123").build();
    assertThat(a.phoneNumberFirst(fake).e164()).isEqualTo("+447700900123");
    assertThatThrownBy(() -> fake.parse("999"))
        .isInstanceOfSatisfying(
            InvalidPhoneNumberException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_VALID_NUMBER));
  }
}

package io.campaignrelay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomerAttributesTest {

  private final PhoneNumberParser uk = PhoneNumberParser.basic(44);

  @Test
  void keepsOrderAndLooksUpIgnoringCase() {
    CustomerAttributes a =
        CustomerAttributes.of(
            List.of("PHONENUMBER", "FIRST_NAME", "Country"),
            Arrays.asList("07700900123", "Dana", null));
    assertThat(a.names()).containsExactly("PHONENUMBER", "FIRST_NAME", "Country");
    assertThat(a.values()).containsExactly("07700900123", "Dana", null);
    assertThat(a.size()).isEqualTo(3);
    assertThat(a.isEmpty()).isFalse();
    assertThat(a.value("first_name")).hasValue("Dana");
    assertThat(a.contains("COUNTRY")).isTrue();
    assertThat(a.value("COUNTRY")).isEmpty();
    assertThat(a.contains("EMAIL")).isFalse();
    assertThat(a.valueAt(1)).hasValue("Dana");
    assertThat(a.valueAt(2)).isEmpty();
    assertThat(a.asMap().keySet()).containsExactly("PHONENUMBER", "FIRST_NAME", "Country");
    assertThatThrownBy(() -> a.valueAt(3)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void isImmutable() {
    CustomerAttributes a = CustomerAttributes.builder().add("A", "1").build();
    assertThatThrownBy(() -> a.names().add("B")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> a.values().set(0, "2"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> a.asMap().put("B", "2"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toStringPrintsNamesNotValues() {
    CustomerAttributes a = CustomerAttributes.builder().add("PHONE", "+447700900123").build();
    assertThat(a.toString()).contains("PHONE").doesNotContain("7700900123");
  }

  @Test
  void equalityAndToBuilder() {
    CustomerAttributes a = CustomerAttributes.builder().add("A", "1").add("B", null).build();
    assertThat(a.toBuilder().build()).isEqualTo(a).hasSameHashCodeAs(a);
    CustomerAttributes more = a.toBuilder().add("C", "3").build();
    assertThat(more.names()).containsExactly("A", "B", "C");
    assertThat(a.size()).isEqualTo(2);
    assertThat(CustomerAttributes.empty().isEmpty()).isTrue();
    assertThat(CustomerAttributes.builder().build()).isSameAs(CustomerAttributes.empty());
  }

  @Test
  void mismatchedListsAreRejected() {
    assertThatThrownBy(() -> CustomerAttributes.of(List.of("A", "B"), List.of("1")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("customerAttributes='2 names, 1 values'")
        .hasMessageContaining("one value per requested attribute");
  }

  @Test
  void blankAndRepeatedNamesAreAllReported() {
    assertThatThrownBy(
            () ->
                CustomerAttributes.builder()
                    .add("PHONE", "1")
                    .add(" ", "2")
                    .add("phone", "3")
                    .add(null, "4")
                    .build())
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.problems()).hasSize(3))
        .hasMessageContaining("customerAttributes[1].name=' '")
        .hasMessageContaining(
            "customerAttributes[2].name='phone': repeats the attribute at position 0")
        .hasMessageContaining("customerAttributes[3].name='<missing>'");
  }

  @Test
  void phoneNumberFirstReadsTheFirstAttribute() {
    CustomerAttributes a =
        CustomerAttributes.builder().add("MOBILE", "07700 900123").add("NAME", "Dana").build();
    assertThat(a.phoneNumberFirst(uk).e164()).isEqualTo("+447700900123");
  }

  @Test
  void phoneNumberNotFirstIsAClearError() {
    CustomerAttributes a =
        CustomerAttributes.builder().add("FIRST_NAME", "Dana").add("PHONE", "07700900123").build();
    assertThatThrownBy(() -> a.phoneNumberFirst(uk))
        .isInstanceOfSatisfying(
            InvalidPhoneNumberException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidPhoneNumberException.Reason.LETTERS))
        .hasMessageContaining("phoneNumber='Dana'")
        .hasMessageContaining("customerAttributes[0] (FIRST_NAME)")
        .hasMessageContaining("the phone number must be the first attribute in the list");
  }

  @Test
  void phoneNumberFirstNeedsAValue() {
    assertThatThrownBy(() -> CustomerAttributes.empty().phoneNumberFirst(uk))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("is empty: the phone number must be the first attribute");
    CustomerAttributes noValue =
        CustomerAttributes.of(List.of("PHONE"), Arrays.asList((String) null));
    assertThatThrownBy(() -> noValue.phoneNumberFirst(uk))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("customerAttributes[0] (PHONE)='<missing>'")
        .hasMessageContaining("has no value");
    CustomerAttributes blank = CustomerAttributes.builder().add("PHONE", " ").build();
    assertThatThrownBy(() -> blank.phoneNumberFirst(uk))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("has no value");
  }

  @Test
  void phoneAttributeNameHeuristic() {
    assertThat(CustomerAttributes.looksLikePhoneAttribute("PHONENUMBER")).isTrue();
    assertThat(CustomerAttributes.looksLikePhoneAttribute("Mobile_Number")).isTrue();
    assertThat(CustomerAttributes.looksLikePhoneAttribute("MOBILE_PHONE")).isTrue();
    assertThat(CustomerAttributes.looksLikePhoneAttribute("msisdn")).isTrue();
    assertThat(CustomerAttributes.looksLikePhoneAttribute("cell-phone")).isTrue();
    assertThat(CustomerAttributes.looksLikePhoneAttribute("FIRST_NAME")).isFalse();
    assertThat(CustomerAttributes.looksLikePhoneAttribute(null)).isFalse();
  }

  @Test
  void configuredListMustStartWithThePhone() {
    CustomerAttributes.requirePhoneFirst("customerAttributes", List.of("PHONENUMBER", "NAME"));
    CustomerAttributes.requirePhoneFirst("customerAttributes", List.of("SMS_TO", "NAME"), "sms_to");
    assertThatThrownBy(
            () ->
                CustomerAttributes.requirePhoneFirst(
                    "customerAttributes", List.of("FIRST_NAME", "EMAIL", "PHONENUMBER")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("customerAttributes='[FIRST_NAME, EMAIL, PHONENUMBER]'")
        .hasMessageContaining("the phone number must be the first in the list")
        .hasMessageContaining("'PHONENUMBER' is at position 3")
        .hasMessageContaining("move the phone number attribute to the front");
  }

  @Test
  void configuredListWithoutAPhoneOrEmptyIsRejected() {
    assertThatThrownBy(
            () -> CustomerAttributes.requirePhoneFirst("attrs", List.of("FIRST_NAME", "EMAIL")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("has no phone number attribute");
    assertThatThrownBy(() -> CustomerAttributes.requirePhoneFirst("attrs", List.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("attrs='[]'")
        .hasMessageContaining("is empty");
    assertThatThrownBy(
            () -> CustomerAttributes.requirePhoneFirst("attrs", List.of("NAME"), "SMS_TO"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'SMS_TO' is not in the list");
  }
}

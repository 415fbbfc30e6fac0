/**
 * A {@code PhoneNumberParser} on Google's libphonenumber: national input with a default region,
 * number types and regions. Exports its one package.
 */
module io.campaignrelay.phonenumber {
  // LibPhoneNumberParser implements core's PhoneNumberParser and returns core's types.
  requires transitive io.campaignrelay.core;
  requires com.google.i18n.phonenumbers.libphonenumber;

  exports io.campaignrelay.phonenumber;
}

/**
 * Phone numbers on Google's libphonenumber: {@link
 * io.campaignrelay.phonenumber.LibPhoneNumberParser}, a core {@link
 * io.campaignrelay.core.PhoneNumberParser} that reads national input with a default region,
 * validates numbers against each region's numbering plan and describes them ({@link
 * io.campaignrelay.core.PhoneNumberDetails}: mobile, fixed-line, premium-rate... and the region),
 * so that "cannot receive SMS" ({@link io.campaignrelay.core.SmsCapabilityRule}) and allowed
 * destination countries ({@link io.campaignrelay.core.DestinationPolicy}) are decided before
 * sending.
 *
 * <p>Optional: sdk-core works without it (with its syntactic {@code PhoneNumberParser.basic()});
 * depend on this module to bring in libphonenumber and its metadata.
 */
package io.campaignrelay.phonenumber;

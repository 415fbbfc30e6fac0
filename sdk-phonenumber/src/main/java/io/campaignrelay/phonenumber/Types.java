package io.campaignrelay.phonenumber;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.campaignrelay.core.PhoneNumberType;

/** Maps libphonenumber's number types onto core's. Package-private. */
final class Types {

  private Types() {}

  static PhoneNumberType of(PhoneNumberUtil.PhoneNumberType type) {
    if (type == null) {
      return PhoneNumberType.UNKNOWN;
    }
    switch (type) {
      case MOBILE:
        return PhoneNumberType.MOBILE;
      case FIXED_LINE:
        return PhoneNumberType.FIXED_LINE;
      case FIXED_LINE_OR_MOBILE:
        return PhoneNumberType.FIXED_LINE_OR_MOBILE;
      case TOLL_FREE:
        return PhoneNumberType.TOLL_FREE;
      case PREMIUM_RATE:
        return PhoneNumberType.PREMIUM_RATE;
      case SHARED_COST:
        return PhoneNumberType.SHARED_COST;
      case VOIP:
        return PhoneNumberType.VOIP;
      case PERSONAL_NUMBER:
        return PhoneNumberType.PERSONAL_NUMBER;
      case PAGER:
        return PhoneNumberType.PAGER;
      case UAN:
        return PhoneNumberType.UAN;
      case VOICEMAIL:
        return PhoneNumberType.VOICEMAIL;
      default:
        // UNKNOWN, and any type a later libphonenumber adds: the SMS rule decides unknown types.
        return PhoneNumberType.UNKNOWN;
    }
  }
}

package io.campaignrelay.delivyr.models;

import io.campaignrelay.core.ExpandableStringEnum;
import io.campaignrelay.core.ExpandableValues;
import java.util.List;
import java.util.Locale;

/**
 * The access type of an Optimove API key, as chosen when the key is generated under Settings -&gt;
 * Access Management -&gt; API Keys. Delivyr's guide requires {@link #INTEGRATIONS} and forbids
 * {@link #ADMIN} and {@link #TRANSACTIONAL} ("Do NOT use Admin or Transaction Access Types").
 *
 * <p>An Optimove key is opaque: its access type cannot be read from the key, so the caller declares
 * it and the SDK rejects anything but {@link #INTEGRATIONS}. Expandable (core's {@link
 * ExpandableStringEnum}): an unknown value is kept and {@link #isKnown()} is false.
 */
public final class OptimoveAccessType extends ExpandableStringEnum<OptimoveAccessType> {

  private static final ExpandableValues<OptimoveAccessType> VALUES =
      ExpandableValues.create(OptimoveAccessType::new);

  /** "Integrations": scoped to chosen channels and attributes. The only type Delivyr accepts. */
  public static final OptimoveAccessType INTEGRATIONS = VALUES.register("integrations");

  /** "Admin": full access to every API call. Forbidden by Delivyr's guide. */
  public static final OptimoveAccessType ADMIN = VALUES.register("admin");

  /**
   * "Transactional" (the guide says "Transaction"): access to every endpoint including
   * transactional ones. Forbidden by Delivyr's guide.
   */
  public static final OptimoveAccessType TRANSACTIONAL = VALUES.register("transactional");

  private OptimoveAccessType(String value) {
    super(value);
  }

  /**
   * Returns the access type named by the text, case-insensitively; {@code "transaction"} and {@code
   * "integration"} are accepted as the guide's spellings. An unknown value is kept.
   *
   * @param value the name shown in Optimove
   * @return the access type; null for null
   */
  public static OptimoveAccessType fromString(String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("integration")) {
      return INTEGRATIONS;
    }
    if (v.equals("transaction")) {
      return TRANSACTIONAL;
    }
    return VALUES.fromString(value);
  }

  /**
   * The values known to this version of the SDK.
   *
   * @return the known constants (unmodifiable)
   */
  public static List<OptimoveAccessType> values() {
    return VALUES.known();
  }

  @Override
  public boolean isKnown() {
    return VALUES.isKnown(this);
  }
}

package io.campaignrelay.delivyr.models;

import java.util.List;

/**
 * The result of the dry attribute check: which Optimove attributes the API key can read for a
 * sample customer, compared with the attributes selected in the settings.
 *
 * <p>Delivyr's guide: "If you see more attributes than you expect, then you are using an over
 * permissive API Key." {@link #overPermissive()} says exactly that: the key can read attributes
 * that were not selected; scope the key to the selected attributes only.
 *
 * @param sampleCustomerId the customer id used for the lookup
 * @param visible the attributes the key can read, in the order Delivyr listed them
 * @param selected the attributes selected in the settings, the phone number first
 * @param extra visible attributes that were not selected (non-empty means over-permissive)
 * @param missing selected attributes the key cannot read (the messages would miss them)
 * @param phoneSampleValue the sample customer's value of the phone number attribute, or null
 */
public record AttributeCheck(
    String sampleCustomerId,
    List<CustomerAttribute> visible,
    List<String> selected,
    List<String> extra,
    List<String> missing,
    String phoneSampleValue) {

  /** Copies the lists. */
  public AttributeCheck {
    visible = List.copyOf(visible);
    selected = List.copyOf(selected);
    extra = List.copyOf(extra);
    missing = List.copyOf(missing);
  }

  /**
   * Whether the key can read more attributes than were selected.
   *
   * @return true when {@link #extra()} is not empty
   */
  public boolean overPermissive() {
    return !extra.isEmpty();
  }

  /**
   * Whether the key reads exactly the selected attributes.
   *
   * @return true when nothing is extra and nothing is missing
   */
  public boolean ok() {
    return extra.isEmpty() && missing.isEmpty();
  }

  /**
   * A one-paragraph summary for a person, naming the fix. Attribute values are not included.
   *
   * @return the summary
   */
  public String summary() {
    if (ok()) {
      return "The Optimove API key reads exactly the "
          + selected.size()
          + " selected attributes for customer "
          + sampleCustomerId
          + ".";
    }
    StringBuilder sb = new StringBuilder();
    if (overPermissive()) {
      sb.append("The Optimove API key is over-permissive: it can also read ")
          .append(extra)
          .append(". Scope the Integrations key to the selected attributes only (Settings ->")
          .append(" Access Management -> API Keys).");
    }
    if (!missing.isEmpty()) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append("The key cannot read the selected attributes ")
          .append(missing)
          .append(": add them to the key or remove them from customerAttributes.");
    }
    return sb.toString();
  }
}

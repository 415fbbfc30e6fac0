package io.campaignrelay.delivyr;

import io.campaignrelay.core.CustomerId;
import io.campaignrelay.optimove.OptimoveClient;
import io.campaignrelay.optimove.models.CustomerAttributeValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a triggered campaign's customer attributes come from when the trigger payload has no {@code
 * personalization.personalInfo}: Delivyr's guide says it then asks Optimove for the customer's
 * attributes. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface CustomerAttributeLookup {

  /**
   * Reads one customer's attributes.
   *
   * @param customerId the Optimove customer id
   * @return attribute name to value (null values allowed); names are matched ignoring case
   */
  Map<String, String> attributes(String customerId);

  /**
   * Reads attributes from Optimove ({@code GET Customers/{CustomerID}/Attributes}).
   *
   * @param optimove the Optimove client (its key should be the integration's Integrations key)
   * @return the lookup
   */
  static CustomerAttributeLookup optimove(OptimoveClient optimove) {
    Objects.requireNonNull(optimove, "optimove");
    return customerId -> {
      Map<String, String> out = new LinkedHashMap<>();
      for (CustomerAttributeValue v : optimove.getCustomerAttributes(CustomerId.of(customerId))) {
        if (v != null && v.realFieldName() != null) {
          out.put(v.realFieldName(), v.value());
        }
      }
      return out;
    };
  }
}

package io.campaignrelay.optimove.models;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One attribute of one customer, from {@code GET Customers/{CustomerID}/Attributes}.
 *
 * @param realFieldName the attribute's name
 * @param alias its display alias, or null
 * @param fieldType its type as Optimove names it, or null
 * @param value its value as text, or null
 */
public record CustomerAttributeValue(
    @JsonProperty("RealFieldName") String realFieldName,
    @JsonProperty("Alias") String alias,
    @JsonProperty("FieldType") String fieldType,
    @JsonProperty("Value") String value) {

  /** Prints the name and type only: values are personal data. */
  @Override
  public String toString() {
    return "CustomerAttributeValue[" + realFieldName + ", " + fieldType + "]";
  }
}

package io.campaignrelay.optimove.models;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A promotion ({@code {"PromoCode", "PromotionName"}}) of AddPromotions / GetPromotions.
 *
 * @param promoCode the code
 * @param promotionName the name, or null
 */
public record Promotion(
    @JsonProperty("PromoCode") String promoCode,
    @JsonProperty("PromotionName") String promotionName) {

  /**
   * Creates a promotion.
   *
   * @param promoCode the code
   * @param promotionName the name
   * @return the promotion
   */
  public static Promotion of(String promoCode, String promotionName) {
    return new Promotion(promoCode, promotionName);
  }
}

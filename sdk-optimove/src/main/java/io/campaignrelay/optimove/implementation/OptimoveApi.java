package io.campaignrelay.optimove.implementation;

import io.campaignrelay.core.http.spi.HttpPipeline;
import java.util.List;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.Headers;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Query;
import retrofit2.http.Streaming;

/**
 * The Optimove REST functions a channel integration uses, as Retrofit sees them. Every path is
 * {@code <category path>/<Function>}, where the category path comes from the client's {@code
 * OptimovePathStyle} (classic {@code current/integrations}, or the newer {@code Integrations}), so
 * one interface serves both path styles. Responses are read as raw bodies because Optimove answers
 * with arrays, empty bodies, {@code true}, {@code {"ResponseCode":200}} or a JSON string carrying
 * an error, sometimes with status 200; {@link Responses} sorts them out.
 *
 * <p>Writes that are safe to repeat (adding or deleting the same templates, promotions or listener)
 * are marked {@link HttpPipeline#RETRY_SAFE}; metric writes are not, because a repeat after a
 * timeout or a 5xx could count twice (a 429, which means nothing was processed, is still retried by
 * sdk-core's retry loop for any method).
 */
public interface OptimoveApi {

  /** Query name of the page size, sent with a literal {@code $} (OData style). */
  String TOP = "$top";

  /** Query name of the rows to skip. */
  String SKIP = "$skip";

  // ---- integrations: templates ----

  /**
   * {@code POST integrations/AddChannelTemplates?ChannelID=}: at most 100 rows.
   *
   * @param category the category path
   * @param channelId the channel
   * @param templates {@code [{TemplateID, TemplateName}]}
   * @return the call
   */
  @Headers(HttpPipeline.RETRY_SAFE)
  @POST("{category}/AddChannelTemplates")
  Call<ResponseBody> addChannelTemplates(
      @Path(value = "category", encoded = true) String category,
      @Query("ChannelID") int channelId,
      @Body List<WireRows.TemplateRow> templates);

  /**
   * {@code GET integrations/GetChannelTemplates?ChannelID=}.
   *
   * @param category the category path
   * @param channelId the channel
   * @return the call
   */
  @GET("{category}/GetChannelTemplates")
  Call<ResponseBody> getChannelTemplates(
      @Path(value = "category", encoded = true) String category, @Query("ChannelID") int channelId);

  /**
   * {@code POST integrations/DeleteChannelTemplates}: at most 100 rows.
   *
   * @param category the category path
   * @param rows {@code [{ChannelID, TemplateID}]}
   * @return the call
   */
  @Headers(HttpPipeline.RETRY_SAFE)
  @POST("{category}/DeleteChannelTemplates")
  Call<ResponseBody> deleteChannelTemplates(
      @Path(value = "category", encoded = true) String category,
      @Body List<WireRows.TemplateDeletionRow> rows);

  /**
   * {@code GET integrations/GetChannelTemplateDetails?ChannelID=&TemplateID=}.
   *
   * @param category the category path
   * @param function the function name (the sandbox list spells it {@code
   *     GetChannelTemplatesDetails})
   * @param channelId the channel
   * @param templateId the template
   * @return the call
   */
  @GET("{category}/{function}")
  Call<ResponseBody> getChannelTemplateDetails(
      @Path(value = "category", encoded = true) String category,
      @Path("function") String function,
      @Query("ChannelID") int channelId,
      @Query("TemplateID") long templateId);

  // ---- integrations: promotions ----

  /**
   * {@code POST integrations/AddPromotions}.
   *
   * @param category the category path
   * @param rows {@code [{PromoCode, PromotionName}]}
   * @return the call
   */
  @Headers(HttpPipeline.RETRY_SAFE)
  @POST("{category}/AddPromotions")
  Call<ResponseBody> addPromotions(
      @Path(value = "category", encoded = true) String category,
      @Body List<WireRows.PromotionRow> rows);

  /**
   * {@code GET integrations/GetPromotions}.
   *
   * @param category the category path
   * @return the call
   */
  @GET("{category}/GetPromotions")
  Call<ResponseBody> getPromotions(@Path(value = "category", encoded = true) String category);

  /**
   * {@code POST integrations/DeletePromotions}.
   *
   * @param category the category path
   * @param rows {@code [{PromoCode}]}
   * @return the call
   */
  @Headers(HttpPipeline.RETRY_SAFE)
  @POST("{category}/DeletePromotions")
  Call<ResponseBody> deletePromotions(
      @Path(value = "category", encoded = true) String category,
      @Body List<WireRows.PromoCodeRow> rows);

  // ---- integrations: metrics ----

  /**
   * {@code POST integrations/UpdateCampaignMetrics}: at most 100 rows; retried only after a 429,
   * never after any other answer from the server (a repeat could count twice).
   *
   * @param category the category path
   * @param rows the metric rows
   * @return the call
   */
  @POST("{category}/UpdateCampaignMetrics")
  Call<ResponseBody> updateCampaignMetrics(
      @Path(value = "category", encoded = true) String category,
      @Body List<WireRows.CampaignMetricRow> rows);

  /**
   * {@code POST integrations/UpdateCampaignInteractions}: at most 10,000 customer ids; retried only
   * after a 429.
   *
   * @param category the category path
   * @param body the interaction body
   * @return the call
   */
  @POST("{category}/UpdateCampaignInteractions")
  Call<ResponseBody> updateCampaignInteractions(
      @Path(value = "category", encoded = true) String category,
      @Body WireRows.InteractionsBody body);

  // ---- general: listeners ----

  /**
   * {@code POST general/RegisterEventListener}.
   *
   * @param category the category path
   * @param body {@code {EventTypeID, ListenerURL, ChannelID?}}
   * @return the call
   */
  @Headers(HttpPipeline.RETRY_SAFE)
  @POST("{category}/RegisterEventListener")
  Call<ResponseBody> registerEventListener(
      @Path(value = "category", encoded = true) String category, @Body WireRows.ListenerRow body);

  /**
   * {@code POST general/UnregisterEventListener}.
   *
   * @param category the category path
   * @param body {@code {EventTypeID, ChannelID?}}
   * @return the call
   */
  @Headers(HttpPipeline.RETRY_SAFE)
  @POST("{category}/UnregisterEventListener")
  Call<ResponseBody> unregisterEventListener(
      @Path(value = "category", encoded = true) String category, @Body WireRows.ListenerRow body);

  /**
   * {@code GET general/GetRegisteredEventListeners}.
   *
   * @param category the category path
   * @return the call
   */
  @GET("{category}/GetRegisteredEventListeners")
  Call<ResponseBody> getRegisteredEventListeners(
      @Path(value = "category", encoded = true) String category);

  // ---- customers: campaign targets ----

  /**
   * {@code GET customers/GetCustomerSendDetailsByChannel}, one page; streamed.
   *
   * @param category the category path
   * @param channelId the channel
   * @param campaignId the campaign
   * @param customerAttributes attribute names joined with {@code ;}, or null
   * @param delimiter the delimiter of the older single-string attribute form, or null
   * @param top the page size
   * @param skip the rows to skip
   * @return the call
   */
  @Streaming
  @GET("{category}/GetCustomerSendDetailsByChannel")
  Call<ResponseBody> getCustomerSendDetailsByChannel(
      @Path(value = "category", encoded = true) String category,
      @Query("ChannelID") int channelId,
      @Query("CampaignID") long campaignId,
      @Query("CustomerAttributes") String customerAttributes,
      @Query("CustomerAttributesDelimiter") String delimiter,
      @Query(value = TOP, encoded = true) int top,
      @Query(value = SKIP, encoded = true) long skip);

  /**
   * {@code GET customers/GetCustomerExecutionDetailsByCampaign}, one page; streamed.
   *
   * @param category the category path
   * @param campaignId the campaign
   * @param channelId the channel
   * @param customerAttributes attribute names joined with {@code ;}, or null
   * @param delimiter the delimiter of the older single-string attribute form, or null
   * @param top the page size
   * @param skip the rows to skip
   * @return the call
   */
  @Streaming
  @GET("{category}/GetCustomerExecutionDetailsByCampaign")
  Call<ResponseBody> getCustomerExecutionDetailsByCampaign(
      @Path(value = "category", encoded = true) String category,
      @Query("CampaignID") long campaignId,
      @Query("ChannelID") int channelId,
      @Query("CustomerAttributes") String customerAttributes,
      @Query("CustomerAttributesDelimiter") String delimiter,
      @Query(value = TOP, encoded = true) int top,
      @Query(value = SKIP, encoded = true) long skip);

  /**
   * {@code GET customers/GetCanceledCampaignCustomers?CampaignID=}.
   *
   * @param category the category path
   * @param campaignId the campaign
   * @return the call
   */
  @GET("{category}/GetCanceledCampaignCustomers")
  Call<ResponseBody> getCanceledCampaignCustomers(
      @Path(value = "category", encoded = true) String category,
      @Query("CampaignID") long campaignId);

  /**
   * {@code GET Customers/{CustomerID}/Attributes} (newer REST style only).
   *
   * @param customerId the customer id
   * @return the call
   */
  @GET("Customers/{customerId}/Attributes")
  Call<ResponseBody> getCustomerAttributes(@Path("customerId") String customerId);

  // ---- actions ----

  /**
   * {@code GET actions/GetCampaignDetails?CampaignID=}.
   *
   * @param category the category path
   * @param campaignId the campaign
   * @return the call
   */
  @GET("{category}/GetCampaignDetails")
  Call<ResponseBody> getCampaignDetails(
      @Path(value = "category", encoded = true) String category,
      @Query("CampaignID") long campaignId);

  /**
   * {@code GET actions/GetExecutedCampaignsByChannel?ChannelID=&Date=}.
   *
   * @param category the category path
   * @param channelId the channel
   * @param date {@code YYYY-MM-DD}
   * @return the call
   */
  @GET("{category}/GetExecutedCampaignsByChannel")
  Call<ResponseBody> getExecutedCampaignsByChannel(
      @Path(value = "category", encoded = true) String category,
      @Query("ChannelID") int channelId,
      @Query("Date") String date);

  /**
   * {@code GET actions/GetExecutedCampaignChannelDetails?CampaignID=&ChannelID=}.
   *
   * @param category the category path
   * @param campaignId the campaign
   * @param channelId the channel
   * @return the call
   */
  @GET("{category}/GetExecutedCampaignChannelDetails")
  Call<ResponseBody> getExecutedCampaignChannelDetails(
      @Path(value = "category", encoded = true) String category,
      @Query("CampaignID") long campaignId,
      @Query("ChannelID") int channelId);

  // ---- model ----

  /**
   * {@code GET model/GetCustomerAttributeList}.
   *
   * @param category the category path
   * @return the call
   */
  @GET("{category}/GetCustomerAttributeList")
  Call<ResponseBody> getCustomerAttributeList(
      @Path(value = "category", encoded = true) String category);
}

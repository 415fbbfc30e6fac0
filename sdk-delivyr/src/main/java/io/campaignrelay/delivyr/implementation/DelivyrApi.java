package io.campaignrelay.delivyr.implementation;

import io.campaignrelay.core.http.spi.HttpPipeline;
import io.campaignrelay.delivyr.models.DelivyrTemplate;
import io.campaignrelay.delivyr.models.MessageEvent;
import io.campaignrelay.delivyr.models.MessageLogEntry;
import io.campaignrelay.delivyr.models.OptOut;
import io.campaignrelay.delivyr.models.OptimoveIntegration;
import io.campaignrelay.delivyr.models.SentMessage;
import java.util.List;
import okhttp3.RequestBody;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.DELETE;
import retrofit2.http.GET;
import retrofit2.http.Header;
import retrofit2.http.Headers;
import retrofit2.http.POST;
import retrofit2.http.PUT;
import retrofit2.http.Path;
import retrofit2.http.Query;

/**
 * Retrofit description of Delivyr's HTTP API.
 *
 * <p><b>This contract is modelled, not published.</b> Delivyr publishes its Optimove setup guide
 * but no HTTP API reference, so the paths, bodies and field names here are the contract Campaign
 * Relay defines (see {@code shared/spec/delivyr-api.md}), in the style of a modern JSON REST API:
 * Bearer authentication, camelCase JSON, UTC ISO-8601 instants, {@code ?limit=&cursor=} paging, an
 * {@code Idempotency-Key} header on creating writes. This interface, the testkit's fake Delivyr
 * server and that page must agree; it is the single place to change if Delivyr's real API differs.
 *
 * <p>Internal: use {@code DelivyrClient}, which adds validation, idempotency keys, paging and error
 * mapping.
 */
public interface DelivyrApi {

  /** The header carrying the idempotency key of a creating write. */
  String IDEMPOTENCY_KEY = "Idempotency-Key";

  /**
   * Lists templates.
   *
   * @param status approved, pending or rejected; null for all
   * @param channel scheduled or triggered; null for all
   * @param limit 1 to 1000; null for 100
   * @param cursor the page cursor; null for the first page
   * @return the call
   */
  @GET("templates")
  Call<Wire.Page<DelivyrTemplate>> listTemplates(
      @Query("status") String status,
      @Query("channel") String channel,
      @Query("limit") Integer limit,
      @Query("cursor") String cursor);

  /**
   * Reads one template.
   *
   * @param id the Delivyr template id
   * @return the call
   */
  @GET("templates/{id}")
  Call<DelivyrTemplate> getTemplate(@Path("id") String id);

  /**
   * Sends (or, in testing mode, only logs) one SMS.
   *
   * @param idempotencyKey the key, reused on every retry
   * @param message the message
   * @return the call
   */
  @POST("messages")
  Call<SentMessage> sendMessage(
      @Header(IDEMPOTENCY_KEY) String idempotencyKey, @Body Wire.Message message);

  /**
   * Sends up to 1,000 messages.
   *
   * @param idempotencyKey the key of the batch, reused on every retry
   * @param batch the JSON of a {@link Wire.Batch}, streamed by {@link BatchBody}
   * @return the call; the answer is read by {@link BatchAnswer}'s streaming reader
   */
  @POST("messages/batch")
  Call<BatchAnswer> sendBatch(
      @Header(IDEMPOTENCY_KEY) String idempotencyKey, @Body RequestBody batch);

  /**
   * Reads the Message Log (also how a client reconciles a message whose outcome it does not know:
   * by campaign and idempotency key).
   *
   * @param campaignId the campaign filter or null
   * @param idempotencyKey the filter on the key a message was sent with, or null
   * @param status the status filter or null
   * @param since ISO-8601 lower bound or null
   * @param until ISO-8601 upper bound or null
   * @param limit 1 to 1000; null for 100
   * @param cursor the page cursor or null
   * @return the call
   */
  @GET("messages")
  Call<Wire.Page<MessageLogEntry>> listMessages(
      @Query("campaignId") String campaignId,
      @Query("idempotencyKey") String idempotencyKey,
      @Query("status") String status,
      @Query("since") String since,
      @Query("until") String until,
      @Query("limit") Integer limit,
      @Query("cursor") String cursor);

  /**
   * Reads a message's delivery and engagement history.
   *
   * @param id the message id
   * @return the call
   */
  @GET("messages/{id}/events")
  Call<List<MessageEvent>> listMessageEvents(@Path("id") String id);

  /**
   * Lists opt-outs.
   *
   * @param limit 1 to 1000; null for 100
   * @param cursor the page cursor or null
   * @return the call
   */
  @GET("opt-outs")
  Call<Wire.Page<OptOut>> listOptOuts(
      @Query("limit") Integer limit, @Query("cursor") String cursor);

  /**
   * Adds an opt-out.
   *
   * @param idempotencyKey the key
   * @param body the number and keyword
   * @return the call
   */
  @POST("opt-outs")
  Call<OptOut> addOptOut(
      @Header(IDEMPOTENCY_KEY) String idempotencyKey, @Body Wire.OptOutBody body);

  /**
   * Removes an opt-out.
   *
   * @param phone the E.164 number
   * @return the call
   */
  @DELETE("opt-outs/{phone}")
  Call<Void> removeOptOut(@Path("phone") String phone);

  /**
   * Reads the Optimove integration settings.
   *
   * @return the call
   */
  @GET("integrations/optimove")
  Call<OptimoveIntegration> getOptimoveIntegration();

  /**
   * Installs or updates the Optimove integration.
   *
   * @param settings the settings
   * @return the call
   */
  @PUT("integrations/optimove")
  Call<OptimoveIntegration> putOptimoveIntegration(@Body Wire.Integration settings);

  /**
   * Uninstalls the Optimove integration.
   *
   * @return the call
   */
  @DELETE("integrations/optimove")
  Call<Void> deleteOptimoveIntegration();

  /**
   * Lists the attributes the Optimove key can read, using a sample customer. A read, so retry-safe.
   *
   * @param body the sample customer id
   * @return the call
   */
  @Headers(HttpPipeline.RETRY_SAFE)
  @POST("integrations/optimove/find-attributes")
  Call<Wire.Attributes> findAttributes(@Body Wire.FindAttributes body);
}

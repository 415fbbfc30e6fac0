package io.campaignrelay.optimove.implementation;

import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.POST;

/**
 * The External Vendors Campaign Engagement Metrics endpoint ({@code
 * https://metric-<tenantId>.optimove.net/api/saveEvent}). The body is passed as bytes so that the
 * signature covers exactly what is sent.
 */
public interface MetricsApi {

  /** The signature version header. */
  String SIGNATURE_VERSION = "X-Optimove-Signature-Version";

  /** The signature header: hex HMAC-SHA256 of the body, keyed with the tenant token. */
  String SIGNATURE_CONTENT = "x-optimove-signature-content";

  /**
   * Sends a batch of events; the client's authentication hook signs the exact body bytes.
   *
   * @param body the exact JSON bytes to sign and send
   * @return the call
   */
  @POST("api/saveEvent")
  Call<ResponseBody> saveEvent(@Body RequestBody body);
}

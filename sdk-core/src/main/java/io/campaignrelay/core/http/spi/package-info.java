/**
 * Service-provider interface for vendor modules: {@link
 * io.campaignrelay.core.http.spi.HttpPipeline} (Retrofit over OkHttp with the User-Agent, retries,
 * the shared rate limiter, redacted logging and in-chain body reading, so the log level never
 * changes an outcome), {@link io.campaignrelay.core.http.spi.VendorProfile} (a vendor's defaults,
 * secrets and error parser) and {@link io.campaignrelay.core.http.spi.ApiErrorParser} / {@link
 * io.campaignrelay.core.http.spi.ApiErrors} (how a vendor's error answers become typed exceptions,
 * and which of them prove that nothing was done).
 *
 * <p>Hosts configure clients through {@link io.campaignrelay.core.http} and the vendor clients'
 * builders; the types here may change between minor versions as vendor modules need.
 */
package io.campaignrelay.core.http.spi;

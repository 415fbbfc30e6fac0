/**
 * What a host configures and catches on every vendor client: {@link
 * io.campaignrelay.core.http.ClientOptions} (timeouts, proxy, an own OkHttp client, logging),
 * {@link io.campaignrelay.core.http.RetryOptions}, {@link
 * io.campaignrelay.core.http.HttpLogOptions}, a shared {@link
 * io.campaignrelay.core.http.RateLimiter}, and the unchecked exceptions every client throws ({@link
 * io.campaignrelay.core.http.ApiServiceException} when the vendor answered with an error, {@link
 * io.campaignrelay.core.http.ApiConnectionException} when no usable answer arrived, with {@code
 * outcomeUnknown()} telling whether the request may have had its effect).
 *
 * <p>The machinery the vendor modules build their clients on (the request pipeline, vendor
 * profiles, error parsers) lives in {@link io.campaignrelay.core.http.spi}; hosts need not touch
 * it.
 */
package io.campaignrelay.core.http;

/**
 * Campaign Relay's vendor-neutral core: the domain, the execution engine and its ports, the
 * runtime's ports with in-memory and file stores, the metrics outbox, and the HTTP plumbing.
 *
 * <p>Every package is exported except {@code io.campaignrelay.core.implementation} (internal; no
 * other module may use it, which sdk-architecture's rules also check on the class path). {@code
 * io.campaignrelay.core.http.spi} is exported for the vendor modules, which build their clients
 * with it; hosts configure clients through {@code io.campaignrelay.core.http} and never need it.
 */
module io.campaignrelay.core {
  // ClientOptions takes the caller's OkHttpClient; the SPI's HttpPipeline runs Retrofit calls and
  // exposes Jackson trees to error parsers: hosts and vendor modules see these types.
  requires transitive okhttp3;
  requires transitive retrofit2;
  requires transitive com.fasterxml.jackson.databind;
  requires retrofit2.converter.jackson;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires org.slf4j;

  exports io.campaignrelay.core;
  exports io.campaignrelay.core.execution;
  exports io.campaignrelay.core.http;
  exports io.campaignrelay.core.http.spi;
  exports io.campaignrelay.core.messagelog;
  exports io.campaignrelay.core.metrics;
  exports io.campaignrelay.core.optout;
  exports io.campaignrelay.core.outbox;
  exports io.campaignrelay.core.runtime;
  exports io.campaignrelay.core.sms;
  exports io.campaignrelay.core.template;
}

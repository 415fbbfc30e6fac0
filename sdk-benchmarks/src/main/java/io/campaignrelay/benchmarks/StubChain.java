package io.campaignrelay.benchmarks;

import java.net.Proxy;
import java.net.ProxySelector;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.SocketFactory;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.Authenticator;
import okhttp3.Cache;
import okhttp3.Call;
import okhttp3.CertificatePinner;
import okhttp3.Connection;
import okhttp3.ConnectionPool;
import okhttp3.CookieJar;
import okhttp3.Dns;
import okhttp3.EventListener;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * An interceptor chain with no network behind it: {@link #proceed(Request)} answers with a canned
 * response. Lets a benchmark run one interceptor of the SDK's pipeline (the redacted-logging one)
 * without any I/O. Only {@code request()} and {@code proceed()} are supported.
 */
final class StubChain implements Interceptor.Chain {

  private final Request request;
  private final Function<Request, Response> answer;

  StubChain(Request request, Function<Request, Response> answer) {
    this.request = request;
    this.answer = answer;
  }

  @Override
  public Request request() {
    return request;
  }

  @Override
  public Response proceed(Request r) {
    return answer.apply(r);
  }

  private static UnsupportedOperationException unsupported() {
    return new UnsupportedOperationException("StubChain supports request() and proceed() only");
  }

  @Override
  public Connection connection() {
    return null;
  }

  @Override
  public Call call() {
    throw unsupported();
  }

  @Override
  public int connectTimeoutMillis() {
    return 10_000;
  }

  @Override
  public Interceptor.Chain withConnectTimeout(int timeout, TimeUnit unit) {
    throw unsupported();
  }

  @Override
  public int readTimeoutMillis() {
    return 10_000;
  }

  @Override
  public Interceptor.Chain withReadTimeout(int timeout, TimeUnit unit) {
    throw unsupported();
  }

  @Override
  public int writeTimeoutMillis() {
    return 10_000;
  }

  @Override
  public Interceptor.Chain withWriteTimeout(int timeout, TimeUnit unit) {
    throw unsupported();
  }

  @Override
  public boolean getFollowSslRedirects() {
    return true;
  }

  @Override
  public boolean getFollowRedirects() {
    return true;
  }

  @Override
  public Dns getDns() {
    return Dns.SYSTEM;
  }

  @Override
  public Interceptor.Chain withDns(Dns dns) {
    throw unsupported();
  }

  @Override
  public SocketFactory getSocketFactory() {
    return SocketFactory.getDefault();
  }

  @Override
  public Interceptor.Chain withSocketFactory(SocketFactory socketFactory) {
    throw unsupported();
  }

  @Override
  public boolean getRetryOnConnectionFailure() {
    return false;
  }

  @Override
  public Interceptor.Chain withRetryOnConnectionFailure(boolean retry) {
    throw unsupported();
  }

  @Override
  public Authenticator getAuthenticator() {
    return Authenticator.NONE;
  }

  @Override
  public Interceptor.Chain withAuthenticator(Authenticator authenticator) {
    throw unsupported();
  }

  @Override
  public CookieJar getCookieJar() {
    return CookieJar.NO_COOKIES;
  }

  @Override
  public Interceptor.Chain withCookieJar(CookieJar cookieJar) {
    throw unsupported();
  }

  @Override
  public Cache getCache() {
    return null;
  }

  @Override
  public Interceptor.Chain withCache(Cache cache) {
    throw unsupported();
  }

  @Override
  public Proxy getProxy() {
    return null;
  }

  @Override
  public Interceptor.Chain withProxy(Proxy proxy) {
    throw unsupported();
  }

  @Override
  public ProxySelector getProxySelector() {
    return ProxySelector.getDefault();
  }

  @Override
  public Interceptor.Chain withProxySelector(ProxySelector proxySelector) {
    throw unsupported();
  }

  @Override
  public Authenticator getProxyAuthenticator() {
    return Authenticator.NONE;
  }

  @Override
  public Interceptor.Chain withProxyAuthenticator(Authenticator authenticator) {
    throw unsupported();
  }

  @Override
  public SSLSocketFactory getSslSocketFactoryOrNull() {
    return null;
  }

  @Override
  public Interceptor.Chain withSslSocketFactory(
      SSLSocketFactory factory, X509TrustManager trustManager) {
    throw unsupported();
  }

  @Override
  public X509TrustManager getX509TrustManagerOrNull() {
    return null;
  }

  @Override
  public HostnameVerifier getHostnameVerifier() {
    throw unsupported();
  }

  @Override
  public Interceptor.Chain withHostnameVerifier(HostnameVerifier verifier) {
    throw unsupported();
  }

  @Override
  public CertificatePinner getCertificatePinner() {
    return CertificatePinner.DEFAULT;
  }

  @Override
  public Interceptor.Chain withCertificatePinner(CertificatePinner pinner) {
    throw unsupported();
  }

  @Override
  public ConnectionPool getConnectionPool() {
    throw unsupported();
  }

  @Override
  public Interceptor.Chain withConnectionPool(ConnectionPool pool) {
    throw unsupported();
  }

  @Override
  public EventListener getEventListener() {
    return EventListener.NONE;
  }
}

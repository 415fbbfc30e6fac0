package io.campaignrelay.core.http;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.FormBody;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;

/**
 * Logs each attempt. DEBUG: method, redacted URL, status, duration, attempt. TRACE: redacted
 * headers and bodies (first 64 KiB).
 */
final class LoggingInterceptor implements Interceptor {
  private static final long BODY_LIMIT = 64 * 1024;

  private final Logger log;
  private final Redactor redactor;

  LoggingInterceptor(Logger log, Redactor redactor) {
    this.log = log;
    this.redactor = redactor;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!log.isDebugEnabled()) {
      return chain.proceed(request);
    }
    AttemptState state = request.tag(AttemptState.class);
    int attempt = state == null ? 1 : state.attempt;
    String url = redactor.url(request.url());
    if (log.isTraceEnabled()) {
      log.trace(
          "--> {} {} (attempt {}){}{}",
          request.method(),
          url,
          attempt,
          redactor.headers(request.headers()),
          requestBody(request.body()));
    }
    long start = System.nanoTime();
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException e) {
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      log.debug(
          "{} {} failed after {} ms (attempt {}): {}",
          request.method(),
          url,
          ms,
          attempt,
          e.getClass().getSimpleName());
      throw e;
    }
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    log.debug(
        "{} {} -> {} ({} ms, attempt {})", request.method(), url, response.code(), ms, attempt);
    if (log.isTraceEnabled()) {
      MediaType type = response.body().contentType();
      boolean form = type != null && "x-www-form-urlencoded".equals(type.subtype());
      String body = response.peekBody(BODY_LIMIT).string();
      log.trace(
          "<-- {} {}{}\n{}",
          response.code(),
          url,
          redactor.headers(response.headers()),
          redactor.body(body, form));
    }
    return response;
  }

  private String requestBody(RequestBody body) throws IOException {
    if (body == null) {
      return "";
    }
    if (body instanceof FormBody form) {
      return "\n" + redactor.form(form);
    }
    MediaType type = body.contentType();
    boolean form = type != null && "x-www-form-urlencoded".equals(type.subtype());
    if (type != null && !"json".equals(type.subtype()) && !form && !"text".equals(type.type())) {
      return "\n(" + body.contentLength() + "-byte " + type + " body)";
    }
    return "\n" + redactor.body(Redactor.readUtf8(body, BODY_LIMIT), form);
  }
}

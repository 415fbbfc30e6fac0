package io.campaignrelay.core.http.spi;

import java.io.IOException;
import java.util.Set;
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
 * headers and bodies (first 64 KiB). Besides secret names, the secret values of the request (and
 * those the client was built with) are removed from every line.
 *
 * <p>Logging never changes what a call does: it runs outside {@link ResponseBufferInterceptor}, so
 * a response body it prints has already been read to the end (or the call has already failed), and
 * for a streamed body a failed peek is logged, not thrown.
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
    Set<String> secrets = redactor.harvest(request);
    String url = redactor.url(request.url(), secrets);
    if (log.isTraceEnabled()) {
      log.trace(
          "--> {} {} (attempt {}){}{}",
          request.method(),
          url,
          attempt,
          redactor.headers(request.headers(), secrets),
          requestBody(request.body(), secrets));
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
      String body;
      try {
        body = redactor.body(response.peekBody(BODY_LIMIT).string(), form, secrets);
      } catch (IOException e) {
        // a streamed body that fails here fails the same way for its reader: do not change that
        body = "(body could not be read: " + e.getClass().getSimpleName() + ")";
      }
      log.trace(
          "<-- {} {}{}\n{}",
          response.code(),
          url,
          redactor.headers(response.headers(), secrets),
          body);
    }
    return response;
  }

  private String requestBody(RequestBody body, Set<String> secrets) throws IOException {
    if (body == null) {
      return "";
    }
    if (body instanceof FormBody form) {
      return "\n" + redactor.form(form, secrets);
    }
    MediaType type = body.contentType();
    boolean form = type != null && "x-www-form-urlencoded".equals(type.subtype());
    if (type != null && !"json".equals(type.subtype()) && !form && !"text".equals(type.type())) {
      return "\n(" + body.contentLength() + "-byte " + type + " body)";
    }
    return "\n" + redactor.body(Redactor.readUtf8(body, BODY_LIMIT), form, secrets);
  }
}

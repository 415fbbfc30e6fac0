package io.campaignrelay.textlocal.implementation;

import java.io.IOException;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Appends the credential's form fields to every form body, before the shared retry and logging
 * interceptors run (so retries re-send the same fields and the log redacts them).
 */
public final class AuthInterceptor implements Interceptor {

  private final Map<String, String> fields;

  /**
   * Creates the interceptor.
   *
   * @param fields field name to value, in order
   */
  public AuthInterceptor(Map<String, String> fields) {
    this.fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!(request.body() instanceof FormBody form)) {
      return chain.proceed(request);
    }
    FormBody.Builder b = new FormBody.Builder();
    fields.forEach(b::add);
    for (int i = 0; i < form.size(); i++) {
      b.addEncoded(form.encodedName(i), form.encodedValue(i));
    }
    return chain.proceed(request.newBuilder().method(request.method(), b.build()).build());
  }
}

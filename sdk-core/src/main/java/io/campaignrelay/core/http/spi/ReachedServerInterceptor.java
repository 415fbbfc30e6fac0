package io.campaignrelay.core.http.spi;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Network interceptor: runs once a connection exists, just before the request is written. */
final class ReachedServerInterceptor implements Interceptor {
  @Override
  public Response intercept(Chain chain) throws IOException {
    AttemptState state = chain.request().tag(AttemptState.class);
    if (state != null) {
      state.reachedServer = true;
    }
    return chain.proceed(chain.request());
  }
}

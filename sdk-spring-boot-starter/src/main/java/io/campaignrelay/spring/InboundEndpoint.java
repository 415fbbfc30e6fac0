package io.campaignrelay.spring;

import io.campaignrelay.core.runtime.InboundHandler;
import io.campaignrelay.core.runtime.InboundRequest;
import io.campaignrelay.core.runtime.InboundResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Maps one Spring MVC route onto a framework-neutral {@link InboundHandler}: the raw body bytes
 * (bounded; a larger body is refused with 413 before the handler sees it), every header and query
 * parameter go in; the handler's status and JSON body come out. A handler that throws gets a 500
 * with no detail (logged by class name only: a request may hold tokens).
 */
final class InboundEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(InboundEndpoint.class);

  private final String name;
  private final InboundHandler handler;
  private final int maxBodyBytes;

  InboundEndpoint(String name, InboundHandler handler, int maxBodyBytes) {
    this.name = name;
    this.handler = handler;
    this.maxBodyBytes = maxBodyBytes;
  }

  ServerResponse handle(ServerRequest request) throws IOException {
    HttpServletRequest servlet = request.servletRequest();
    long declared = servlet.getContentLengthLong();
    if (declared > maxBodyBytes) {
      return json(InboundResponse.refused(413, "too_large", "the body exceeds the limit"));
    }
    byte[] body;
    try (InputStream in = servlet.getInputStream()) {
      body = in.readNBytes(maxBodyBytes + 1);
    }
    if (body.length > maxBodyBytes) {
      return json(InboundResponse.refused(413, "too_large", "the body exceeds the limit"));
    }
    InboundRequest.Builder b = InboundRequest.builder(servlet.getMethod(), servlet.getRequestURI());
    for (String h : Collections.list(servlet.getHeaderNames())) {
      for (String v : Collections.list(servlet.getHeaders(h))) {
        b.header(h, v);
      }
    }
    for (Map.Entry<String, List<String>> q : request.params().entrySet()) {
      q.getValue().forEach(v -> b.queryParameter(q.getKey(), v));
    }
    InboundResponse answer;
    try {
      answer = handler.handle(b.body(body).build());
    } catch (RuntimeException e) {
      LOG.error("inbound handler {} failed: {}", name, e.getClass().getName());
      answer = new InboundResponse(500, "error", "the request could not be handled");
    }
    return json(answer);
  }

  private static ServerResponse json(InboundResponse r) {
    return ServerResponse.status(r.status())
        .contentType(MediaType.APPLICATION_JSON)
        .body(r.jsonBody());
  }
}

package io.campaignrelay.optimove.implementation;

import io.campaignrelay.optimove.models.IntegrationProblem;
import io.campaignrelay.optimove.models.IntegrationProblem.Severity;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The Optimove API endpoint rules of the SMS-channel guide: {@code https://api<N>.optimove.net/}
 * ("include the trailing slash"), or the sandbox API host {@code
 * https://sandbox-api.optimove.net/}.
 */
public final class EndpointRules {

  /** The sandbox API endpoint. */
  public static final String SANDBOX = "https://sandbox-api.optimove.net/";

  private static final Pattern TENANT_HOST = Pattern.compile("api[0-9]+\\.optimove\\.net");

  private EndpointRules() {}

  /**
   * Checks an endpoint exactly as the user typed it.
   *
   * @param endpoint the raw value, possibly null
   * @return every problem found, empty if none
   */
  public static List<IntegrationProblem> check(String endpoint) {
    List<IntegrationProblem> out = new ArrayList<>();
    String example = "https://api5.optimove.net/";
    if (endpoint == null || endpoint.isBlank()) {
      out.add(
          problem(
              endpoint,
              "is missing: copy the API Endpoint shown above the API key list (Settings > Access"
                  + " Management > API Keys), e.g. "
                  + example));
      return out;
    }
    URI uri;
    try {
      uri = URI.create(endpoint.strip());
    } catch (IllegalArgumentException e) {
      out.add(problem(endpoint, "is not a URL: use the format " + example));
      return out;
    }
    if (!"https".equalsIgnoreCase(uri.getScheme())) {
      out.add(problem(endpoint, "must use https: use the format " + example));
    }
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (!TENANT_HOST.matcher(host).matches() && !host.equals("sandbox-api.optimove.net")) {
      out.add(
          problem(
              endpoint,
              "host must be api<N>.optimove.net (the number Optimove assigned your tenant) or"
                  + " sandbox-api.optimove.net, e.g. "
                  + example));
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (!endpoint.strip().endsWith("/")) {
      out.add(problem(endpoint, "must end with '/': include the trailing slash, e.g. " + example));
    } else if (!path.equals("/")) {
      out.add(problem(endpoint, "must be the host only, without a path (the SDK adds the paths)"));
    }
    if (uri.getQuery() != null || uri.getFragment() != null) {
      out.add(problem(endpoint, "must not have a query or fragment"));
    }
    return out;
  }

  private static IntegrationProblem problem(String value, String fix) {
    return new IntegrationProblem(Severity.ERROR, "endpoint", value, fix);
  }
}

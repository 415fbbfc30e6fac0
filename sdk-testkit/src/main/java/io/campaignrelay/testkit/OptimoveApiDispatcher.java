package io.campaignrelay.testkit;

import static io.campaignrelay.testkit.OptimoveProblem.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignrelay.testkit.implementation.Form;
import io.campaignrelay.testkit.implementation.Json;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * The API host of {@link FakeOptimove}: {@code X-API-KEY}, the rate limit per key, the function
 * from the path (both path styles, any case), its method and body, the key's permission, then the
 * function.
 */
final class OptimoveApiDispatcher extends VendorDispatcher {
  static final String RATE_LIMIT_BODY =
      "{\"status\":429,\"error\":\"Too Many Requests\",\"message\":\"You have exceeded the rate"
          + " limit of 50 requests per 10 seconds. Please retry after a short wait.\"}";

  private interface Function {
    JsonNode call(Form query, JsonNode body);
  }

  /** How a function is called: its method, whether a third-party key may call it, the code. */
  private record Entry(String method, boolean thirdParty, boolean locked, Function code) {}

  private final OptimoveState state;
  private final OptimoveCustomerFunctions customers;
  private final Map<String, Entry> functions = new HashMap<>();

  OptimoveApiDispatcher(OptimoveState state) {
    this.state = state;
    this.customers = new OptimoveCustomerFunctions(state);
    OptimoveIntegrationFunctions in = new OptimoveIntegrationFunctions(state);
    OptimoveCustomerFunctions cu = customers;
    // thirdParty: on the "Third Party API list" of Optimove's sandbox guide
    post("general/registereventlistener", true, (q, b) -> in.registerListener(b));
    post("general/unregistereventlistener", true, (q, b) -> in.unregisterListener(b));
    get("general/getregisteredeventlisteners", true, true, (q, b) -> in.getListeners());
    post("integrations/addchanneltemplates", true, in::addTemplates);
    get("integrations/getchanneltemplates", true, true, (q, b) -> in.getTemplates(q));
    post("integrations/deletechanneltemplates", true, (q, b) -> in.deleteTemplates(b));
    get("integrations/getchanneltemplatedetails", true, true, (q, b) -> in.templateDetails(q));
    get("integrations/getchanneltemplatesdetails", true, true, (q, b) -> in.templateDetails(q));
    post("integrations/addchannelapps", true, in::addApps);
    post("integrations/deletechannelapps", true, (q, b) -> in.deleteApps(b));
    post("integrations/addpromotions", false, (q, b) -> in.addPromotions(b));
    get("integrations/getpromotions", false, true, (q, b) -> in.getPromotions());
    post("integrations/deletepromotions", false, (q, b) -> in.deletePromotions(b));
    post("integrations/updatecampaignmetrics", true, (q, b) -> in.updateMetrics(b));
    post("integrations/updatecampaigninteractions", true, (q, b) -> in.updateInteractions(b));
    get(
        "customers/getcustomersenddetailsbychannel",
        true,
        false,
        (q, b) -> cu.sendDetailsByChannel(q));
    get(
        "customers/getcustomersenddetailsbycampaign",
        false,
        false,
        (q, b) -> cu.sendDetailsByCampaign(q));
    get(
        "customers/getcustomerexecutiondetailsbycampaign",
        true,
        false,
        (q, b) -> cu.executionDetails(q));
    get("actions/getcampaigndetails", true, true, (q, b) -> cu.campaignDetails(q));
    get("actions/getexecutedcampaignsbychannel", true, true, (q, b) -> cu.executedByChannel(q));
    get(
        "actions/getexecutedcampaignchanneldetails",
        true,
        true,
        (q, b) -> cu.executedChannelDetails(q));
    get("model/getcustomerattributelist", false, true, (q, b) -> cu.attributeList());
    get("customers/customerattributes", false, false, null);
  }

  private void post(String name, boolean thirdParty, Function code) {
    functions.put(name, new Entry("POST", thirdParty, true, code));
  }

  private void get(String name, boolean thirdParty, boolean locked, Function code) {
    functions.put(name, new Entry("GET", thirdParty, locked, code));
  }

  /**
   * Lower-case {@code category/function} from a path, or null; {@code customers/customerattributes}
   * for {@code /Customers/{id}/Attributes}.
   */
  private static String function(String path) {
    String p = path.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
    if (p.startsWith("/current/")) {
      p = p.substring("/current".length());
    }
    String[] seg = p.isEmpty() ? new String[0] : p.substring(1).split("/");
    if (seg.length == 3 && seg[0].equals("customers") && seg[2].equals("attributes")) {
      return "customers/customerattributes";
    }
    return seg.length == 2 ? seg[0] + "/" + seg[1] : null;
  }

  @Override
  protected String operation(RecordedRequest request) {
    String f = function(request.getUrl().encodedPath());
    return f == null ? null : f.substring(f.indexOf('/') + 1);
  }

  @Override
  protected MockResponse rateLimited(Duration retryAfter) {
    return json(429, RATE_LIMIT_BODY);
  }

  @Override
  protected MockResponse serverError(int status) {
    return text(status, status == 503 ? "Service Unavailable" : "Internal Server Error");
  }

  @Override
  protected MockResponse handle(RecordedRequest request, String operation) {
    String key = request.getHeaders().get("X-API-KEY");
    Boolean thirdPartyKey = key == null ? null : state.apiKeys.get(key);
    if (thirdPartyKey == null) {
      return text(401, "Unauthorized");
    }
    Duration wait = state.limiter.tryAcquire(key);
    if (wait != null) {
      MockResponse limited = response(429, "application/json", RATE_LIMIT_BODY);
      if (!state.retryAfterOnLimit) {
        return limited;
      }
      long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
      return limited.newBuilder().addHeader("Retry-After", Long.toString(seconds)).build();
    }
    String f = function(request.getUrl().encodedPath());
    Entry entry = f == null ? null : functions.get(f);
    if (entry == null) {
      return text(404, "Not Found");
    }
    if (!entry.method().equals(request.getMethod())) {
      return text(405, "Method Not Allowed");
    }
    if (thirdPartyKey && !entry.thirdParty()) {
      return text(
          403, "The API key may not call " + operation + ": it is not on the third-party API list");
    }
    Form q = Form.parse(request.getUrl().encodedQuery());
    try {
      JsonNode body = null;
      if (entry.method().equals("POST")) {
        if (!hasContentType(request, "application/json", false)) {
          return text(415, "Content-Type must be application/json");
        }
        body =
            Json.parse(bodyBytes(request))
                .orElseThrow(() -> new OptimoveProblem(400, "The request body is not valid JSON"));
      }
      if (entry.code() == null) {
        String[] seg = request.getUrl().encodedPath().split("/");
        return customers.customerAttributes(Form.decode(seg[seg.length - 2]));
      }
      JsonNode result;
      if (entry.locked()) {
        synchronized (state.lock) {
          result = entry.code().call(q, body);
        }
      } else {
        // campaign pages: looked up under the lock, built (O(page size)) outside it
        result = entry.code().call(q, body);
      }
      return result == null ? empty(200) : json(200, result);
    } catch (OptimoveProblem p) {
      return p.response();
    }
  }
}

package io.campaignrelay.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.campaignrelay.core.Secret;
import io.campaignrelay.testkit.implementation.Form;
import io.campaignrelay.testkit.implementation.Json;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * The HTTP side of {@link FakeTextLocal}: the command from the path, parameters from the query
 * string and a form-encoded or multipart body, the credentials, then the command's handler under
 * the state lock. Command errors are HTTP 200 with {@code status: failure}.
 */
final class TextLocalDispatcher extends VendorDispatcher {
  /** Every command the fake answers, by name. */
  static final Set<String> COMMANDS;

  private static final Map<String, Function<TextLocalRequest, ObjectNode>> HANDLERS;

  static {
    Map<String, Function<TextLocalRequest, ObjectNode>> m = new HashMap<>();
    TextLocalSendCommands.register(m);
    TextLocalContactCommands.register(m);
    TextLocalReportCommands.register(m);
    TextLocalAccountCommands.register(m);
    HANDLERS = Map.copyOf(m);
    COMMANDS = Set.copyOf(m.keySet());
  }

  private final TextLocalState state;
  private final Secret apiKey;
  private final String username;
  private final Secret hash;
  private final Secret password;

  TextLocalDispatcher(
      TextLocalState state, Secret apiKey, String username, Secret hash, Secret password) {
    this.state = state;
    this.apiKey = apiKey;
    this.username = username;
    this.hash = hash;
    this.password = password;
  }

  @Override
  protected String operation(RecordedRequest request) {
    String cmd = trimmedPath(request);
    return cmd.isEmpty() ? null : cmd.toLowerCase(Locale.ROOT);
  }

  @Override
  protected MockResponse rateLimited(Duration retryAfter) {
    return json(429, failure(new TextLocalRefusal(429, "Too many requests.")));
  }

  @Override
  protected MockResponse serverError(int status) {
    return response(
        status,
        "text/html",
        "<html><body><h1>" + status + " Service Unavailable</h1></body></html>");
  }

  @Override
  protected MockResponse handle(RecordedRequest request, String command) {
    Form form =
        Form.parseRequest(
            request.getUrl().encodedQuery(),
            request.getHeaders().get("Content-Type"),
            bodyBytes(request));
    try {
      if (command == null) {
        throw new TextLocalRefusal(1, "No command specified.");
      }
      if (!authenticated(form)) {
        throw new TextLocalRefusal(3, "Invalid login details.");
      }
      Function<TextLocalRequest, ObjectNode> handler = HANDLERS.get(command);
      if (handler == null) {
        throw new TextLocalRefusal(2, "Unrecognised command");
      }
      ObjectNode out;
      synchronized (state.lock) {
        out = handler.apply(new TextLocalRequest(form, state));
      }
      out.put("status", "success");
      return json(200, Json.write(out));
    } catch (TextLocalRefusal f) {
      return json(200, failure(f));
    }
  }

  static String failure(TextLocalRefusal f) {
    ObjectNode o = Json.object();
    ArrayNode arr = o.putArray("errors");
    arr.addObject().put("code", f.code).put("message", f.getMessage());
    o.put("status", "failure");
    return Json.write(o);
  }

  /**
   * {@code apikey} (any case) when given and not empty, else {@code username} with {@code hash} or
   * {@code password}; the official PHP class sends an empty {@code username} beside its key.
   */
  private boolean authenticated(Form form) {
    Optional<String> key = form.firstIgnoreCase("apikey").filter(k -> !k.isEmpty());
    if (key.isPresent()) {
      return key.get().equals(apiKey.reveal());
    }
    Optional<String> user = form.first("username");
    if (user.isEmpty() || username == null || !user.get().equals(username)) {
      return false;
    }
    Optional<String> h = form.first("hash").filter(v -> !v.isEmpty());
    if (h.isPresent()) {
      return hash != null && h.get().equals(hash.reveal());
    }
    Optional<String> p = form.first("password");
    return p.isPresent() && password != null && p.get().equals(password.reveal());
  }
}

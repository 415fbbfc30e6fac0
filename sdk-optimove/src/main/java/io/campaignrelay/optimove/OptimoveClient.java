package io.campaignrelay.optimove;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.CustomerAttributes;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.PagedIterable;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.http.ApiConnectionException;
import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.core.http.AuthenticationException;
import io.campaignrelay.core.http.ClientBuilder;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.http.RateLimit;
import io.campaignrelay.core.http.spi.Authentication;
import io.campaignrelay.core.http.spi.HttpPipeline;
import io.campaignrelay.core.http.spi.VendorProfile;
import io.campaignrelay.optimove.implementation.AttributeValues;
import io.campaignrelay.optimove.implementation.Chunks;
import io.campaignrelay.optimove.implementation.CompactTargets;
import io.campaignrelay.optimove.implementation.EndpointRules;
import io.campaignrelay.optimove.implementation.OptimoveApi;
import io.campaignrelay.optimove.implementation.OptimoveErrors;
import io.campaignrelay.optimove.implementation.Responses;
import io.campaignrelay.optimove.implementation.TargetRows;
import io.campaignrelay.optimove.implementation.WireRows;
import io.campaignrelay.optimove.models.CampaignDetails;
import io.campaignrelay.optimove.models.CampaignInteractions;
import io.campaignrelay.optimove.models.CampaignMetric;
import io.campaignrelay.optimove.models.CampaignTargetQuery;
import io.campaignrelay.optimove.models.CanceledCampaignCustomer;
import io.campaignrelay.optimove.models.ChannelTemplate;
import io.campaignrelay.optimove.models.ChannelTemplateDetails;
import io.campaignrelay.optimove.models.CustomerAttributeDefinition;
import io.campaignrelay.optimove.models.CustomerAttributeValue;
import io.campaignrelay.optimove.models.CustomerExecutionDetail;
import io.campaignrelay.optimove.models.CustomerSendDetail;
import io.campaignrelay.optimove.models.EventListenerRegistration;
import io.campaignrelay.optimove.models.EventType;
import io.campaignrelay.optimove.models.ExecutedCampaignChannelDetail;
import io.campaignrelay.optimove.models.IntegrationCheckResult;
import io.campaignrelay.optimove.models.IntegrationProblem;
import io.campaignrelay.optimove.models.IntegrationProblem.Severity;
import io.campaignrelay.optimove.models.Promotion;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Optimove REST API as a channel integration (an SMS vendor such as Delivyr or TextLocal) uses
 * it: template sync, event listeners, campaign target pulls, customer attributes and metrics.
 * Immutable and thread-safe; build it with {@link #builder()}. Building makes no network call.
 *
 * <p>Transport: the per-tenant base URL {@code https://api<N>.optimove.net/} (or the sandbox), the
 * {@code X-API-KEY} header on every request, functions at {@code current/<category>/<Function>}
 * ({@link OptimovePathStyle}). Every request goes through the shared {@link HttpPipeline}: a
 * client-side rate limiter at Optimove's 50 requests per 10 s per key (configurable with {@link
 * Builder#rateLimit(RateLimit)}), shared by every thread using this client, so bulk work does not
 * trip HTTP 429; reads (and the repeat-safe template, promotion and listener writes) are retried on
 * 408/425/429/5xx honouring {@code Retry-After}; metric writes are re-sent only after a 429
 * (Optimove processed nothing; the retry is sdk-core's, which this client leaves on), never after
 * any other answer or a failure once they reached Optimove (a repeat could count twice). Two
 * clients built for the same key each have their own budget: share one client per key.
 *
 * <p>Responses: an empty body, {@code true} and {@code {"ResponseCode":200}} are successes; a JSON
 * string body (Optimove's error text, even with status 200) or {@code false} is an {@link
 * ApiServiceException} whose message carries Optimove's explanation (plain text too, with the API
 * key masked); 401/403 become {@link AuthenticationException}, 429 {@code RateLimitException}, 5xx
 * {@code ServerException}. Connection failures are {@link ApiConnectionException}.
 *
 * <p>Logs go to SLF4J under {@code io.campaignrelay.optimove.http}; the API key never appears in a
 * log line, exception message or {@link #toString()}.
 */
public final class OptimoveClient {

  /** Optimove's published limit: 50 requests per 10 seconds per API key. */
  public static final RateLimit DEFAULT_RATE_LIMIT = RateLimit.of(50, Duration.ofSeconds(10));

  /** The sandbox API endpoint. */
  public static final String SANDBOX_ENDPOINT = EndpointRules.SANDBOX;

  /** Optimove accepts at most 100 template or metric rows per call. */
  public static final int MAX_ROWS_PER_CALL = 100;

  static VendorProfile profile(Secret apiKey) {
    OptimoveErrors errors = OptimoveErrors.parser(apiKey);
    return VendorProfile.builder("optimove")
        .secretNames("x-api-key", "authorization-token", "password", "tenanttoken")
        .loggableParameters(
            "ChannelID",
            "CampaignID",
            "TemplateID",
            "EventTypeID",
            "CustomerAttributes",
            "CustomerAttributesDelimiter",
            "$top",
            "$skip",
            "Date")
        .defaultRateLimit(DEFAULT_RATE_LIMIT)
        .errorParser(errors)
        .errorEnvelope(errors)
        .authentication(
            apiKey == null
                ? null
                : Authentication.headers(
                    Map.of("X-API-KEY", apiKey.reveal(), "Accept", "application/json")))
        .build();
  }

  private final String configuredEndpoint;
  private final Secret apiKey;
  private final OptimovePathStyle pathStyle;
  private final HttpPipeline pipeline;
  private final OptimoveApi api;
  private final Responses responses;

  private OptimoveClient(
      ClientOptions options,
      String configuredEndpoint,
      Secret apiKey,
      OptimovePathStyle pathStyle) {
    this.configuredEndpoint = configuredEndpoint;
    this.apiKey = apiKey;
    this.pathStyle = pathStyle;
    this.pipeline = HttpPipeline.create(options, profile(apiKey), apiKey);
    this.api = pipeline.create(OptimoveApi.class);
    this.responses = new Responses(pipeline, OptimoveErrors.parser(apiKey));
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this client's settings (endpoint, credential, path style, transport options),
   * to derive a variant.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder()
        .clientOptions(pipeline.options())
        .endpoint(configuredEndpoint)
        .credential(apiKey)
        .pathStyle(pathStyle);
  }

  /**
   * The base URL requests go to.
   *
   * @return the endpoint, ending with {@code /}
   */
  public String endpoint() {
    return pipeline.endpoint();
  }

  /**
   * The path style.
   *
   * @return the style
   */
  public OptimovePathStyle pathStyle() {
    return pathStyle;
  }

  /**
   * The transport options in effect.
   *
   * @return the options
   */
  public ClientOptions clientOptions() {
    return pipeline.options();
  }

  private String cat(String category) {
    return pathStyle.category(category);
  }

  private String op(String method, String category, String function) {
    return method + " " + cat(category) + "/" + function;
  }

  // ------------------------------------------------------------------ templates

  /**
   * Adds templates to a channel (AddChannelTemplates; {@code ChannelID} in the query, body {@code
   * [{TemplateID, TemplateName}]}). Lists longer than {@value #MAX_ROWS_PER_CALL} are sent in
   * several calls. Re-adding an existing TemplateID has UNKNOWN effect; to rename, delete and add
   * (as {@link OptimoveTemplatePublisher} does).
   *
   * @param channel the positive channel id, e.g. 452
   * @param templates the templates; ids zero or more, names not blank, ids unique
   * @throws ConfigurationException listing every invalid row, before anything is sent
   * @throws ApiServiceException if Optimove rejects a call (earlier chunks stay added)
   * @throws ApiConnectionException if Optimove cannot be reached
   */
  public void createTemplates(ChannelId channel, List<ChannelTemplate> templates) {
    List<ConfigurationProblem> problems = new ArrayList<>();
    int channelId = checkChannel(channel, problems);
    if (templates == null) {
      problems.add(ConfigurationProblem.of("templates", null, "give the templates to add"));
      templates = List.of();
    }
    Set<Long> ids = new LinkedHashSet<>();
    for (int i = 0; i < templates.size(); i++) {
      ChannelTemplate t = templates.get(i);
      if (t == null) {
        problems.add(ConfigurationProblem.of("templates[" + i + "]", null, "remove the null"));
        continue;
      }
      if (t.templateId() < 0) {
        problems.add(
            ConfigurationProblem.of(
                "templates[" + i + "].templateId",
                t.templateId(),
                "Optimove TemplateIDs are integers, zero or more"));
      }
      if (!ids.add(t.templateId())) {
        problems.add(
            ConfigurationProblem.of(
                "templates[" + i + "].templateId",
                t.templateId(),
                "is repeated: give each template once"));
      }
      if (t.templateName() == null || t.templateName().isBlank()) {
        problems.add(
            ConfigurationProblem.of(
                "templates[" + i + "].templateName",
                t.templateName(),
                "Optimove requires a non-empty TemplateName"));
      }
    }
    ConfigurationException.throwIfAny("Optimove channel templates", problems);
    for (List<ChannelTemplate> chunk : Chunks.of(templates, MAX_ROWS_PER_CALL)) {
      List<WireRows.TemplateRow> rows =
          chunk.stream()
              .map(t -> new WireRows.TemplateRow(t.templateId(), t.templateName()))
              .toList();
      responses.write(
          api.addChannelTemplates(cat("integrations"), channelId, rows),
          op("POST", "integrations", "AddChannelTemplates"));
    }
  }

  /**
   * Lists a channel's templates (GetChannelTemplates). In the shared sandbox other vendors'
   * templates appear too.
   *
   * @param channel the positive channel id
   * @return the templates, possibly empty
   * @throws ApiServiceException if Optimove rejects the call
   * @throws ApiConnectionException if Optimove cannot be reached
   */
  public List<ChannelTemplate> listTemplates(ChannelId channel) {
    int channelId = requireChannel(channel);
    return responses.readList(
        api.getChannelTemplates(cat("integrations"), channelId),
        op("GET", "integrations", "GetChannelTemplates"),
        ChannelTemplate.class);
  }

  /**
   * Deletes templates from a channel (DeleteChannelTemplates; body {@code [{ChannelID,
   * TemplateID}]}), in calls of at most {@value #MAX_ROWS_PER_CALL}.
   *
   * @param channel the positive channel id
   * @param templateIds the template ids
   * @throws ApiServiceException if Optimove rejects a call
   * @throws ApiConnectionException if Optimove cannot be reached
   */
  public void deleteTemplates(ChannelId channel, List<TemplateId> templateIds) {
    int channelId = requireChannel(channel);
    List<Long> ids = requireTemplates(templateIds);
    for (List<Long> chunk : Chunks.of(ids, MAX_ROWS_PER_CALL)) {
      List<WireRows.TemplateDeletionRow> rows =
          chunk.stream().map(id -> new WireRows.TemplateDeletionRow(channelId, id)).toList();
      responses.write(
          api.deleteChannelTemplates(cat("integrations"), rows),
          op("POST", "integrations", "DeleteChannelTemplates"));
    }
  }

  /**
   * Reads one template's details (GetChannelTemplateDetails).
   *
   * @param channel the positive channel id
   * @param template the template id
   * @return the rows Optimove returned (usually one), possibly empty
   * @throws ApiServiceException if Optimove rejects the call
   * @throws ApiConnectionException if Optimove cannot be reached
   */
  public List<ChannelTemplateDetails> getTemplateDetails(ChannelId channel, TemplateId template) {
    int channelId = requireChannel(channel);
    long templateId = requireTemplates(template == null ? null : List.of(template)).get(0);
    return responses.readList(
        api.getChannelTemplateDetails(
            cat("integrations"), "GetChannelTemplateDetails", channelId, templateId),
        op("GET", "integrations", "GetChannelTemplateDetails"),
        ChannelTemplateDetails.class);
  }

  // ------------------------------------------------------------------ promotions

  /**
   * Adds promotions (AddPromotions), in calls of at most {@value #MAX_ROWS_PER_CALL}.
   *
   * @param promotions the promotions; codes not blank
   * @throws ConfigurationException if a code is blank
   * @throws ApiServiceException if Optimove rejects a call
   */
  public void createPromotions(List<Promotion> promotions) {
    List<ConfigurationProblem> problems = new ArrayList<>();
    for (int i = 0; i < promotions.size(); i++) {
      Promotion p = promotions.get(i);
      if (p == null || p.promoCode() == null || p.promoCode().isBlank()) {
        problems.add(
            ConfigurationProblem.of(
                "promotions[" + i + "].promoCode",
                p == null ? null : p.promoCode(),
                "give a code"));
      }
    }
    ConfigurationException.throwIfAny("Optimove promotions", problems);
    for (List<Promotion> chunk : Chunks.of(promotions, MAX_ROWS_PER_CALL)) {
      responses.write(
          api.addPromotions(
              cat("integrations"),
              chunk.stream()
                  .map(p -> new WireRows.PromotionRow(p.promoCode(), p.promotionName()))
                  .toList()),
          op("POST", "integrations", "AddPromotions"));
    }
  }

  /**
   * Lists promotions (GetPromotions).
   *
   * @return the promotions, possibly empty
   * @throws ApiServiceException if Optimove rejects the call
   */
  public List<Promotion> listPromotions() {
    return responses.readList(
        api.getPromotions(cat("integrations")),
        op("GET", "integrations", "GetPromotions"),
        Promotion.class);
  }

  /**
   * Deletes promotions by code (DeletePromotions), in calls of at most {@value #MAX_ROWS_PER_CALL}.
   *
   * @param promoCodes the codes
   * @throws ApiServiceException if Optimove rejects a call
   */
  public void deletePromotions(List<String> promoCodes) {
    for (List<String> chunk : Chunks.of(promoCodes, MAX_ROWS_PER_CALL)) {
      responses.write(
          api.deletePromotions(
              cat("integrations"), chunk.stream().map(WireRows.PromoCodeRow::new).toList()),
          op("POST", "integrations", "DeletePromotions"));
    }
  }

  // ------------------------------------------------------------------ listeners

  /**
   * Registers a listener URL for an event type (RegisterEventListener; body {@code {EventTypeID,
   * ListenerURL, ChannelID?}}). Register event 13 with your channel to receive only your channel's
   * notifications; event 5 must be registered without a channel. The URL is sent as given (not
   * URL-encoded, as current callers do; INFERRED).
   *
   * @param eventType the event type
   * @param listenerUrl an absolute http(s) URL Optimove can reach (https recommended)
   * @param channel the channel to limit it to, or null for all channels
   * @throws ConfigurationException listing every invalid value
   * @throws ApiServiceException if Optimove rejects the call
   */
  public void createEventListener(EventType eventType, String listenerUrl, ChannelId channel) {
    Integer channelId = channel == null ? null : channel.value();
    List<ConfigurationProblem> problems = new ArrayList<>();
    if (eventType == null) {
      problems.add(ConfigurationProblem.of("eventType", null, "give an EventType, e.g. 13"));
    }
    if (listenerUrl == null || !isAbsoluteHttpUrl(listenerUrl)) {
      problems.add(
          ConfigurationProblem.of(
              "listenerUrl",
              listenerUrl,
              "give an absolute http(s) URL Optimove can reach, e.g. https://example.com/optimove"));
    }
    if (EventType.PROMO_CLEARANCE_REQUIRED.equals(eventType) && channelId != null) {
      problems.add(
          ConfigurationProblem.of(
              "channelId", channelId, "event 5 must be registered without a ChannelID: pass null"));
    }
    ConfigurationException.throwIfAny("Optimove event listener", problems);
    responses.write(
        api.registerEventListener(
            cat("general"), new WireRows.ListenerRow(eventType.id(), listenerUrl, channelId)),
        op("POST", "general", "RegisterEventListener"));
  }

  /**
   * Unregisters the listener of an event type (UnregisterEventListener; body {@code {EventTypeID,
   * ChannelID?}}).
   *
   * @param eventType the event type
   * @param channel the channel it was registered for, or null
   * @throws ApiServiceException if Optimove rejects the call
   */
  public void deleteEventListener(EventType eventType, ChannelId channel) {
    if (eventType == null) {
      throw new ConfigurationException(
          "Optimove event listener",
          ConfigurationProblem.of("eventType", null, "give the EventType it was registered for"));
    }
    Integer channelId = channel == null ? null : channel.value();
    responses.write(
        api.unregisterEventListener(
            cat("general"), new WireRows.ListenerRow(eventType.id(), null, channelId)),
        op("POST", "general", "UnregisterEventListener"));
  }

  /**
   * Lists the registered listeners (GetRegisteredEventListeners).
   *
   * @return the registrations, possibly empty
   * @throws ApiServiceException if Optimove rejects the call
   */
  public List<EventListenerRegistration> listEventListeners() {
    return responses.readList(
        api.getRegisteredEventListeners(cat("general")),
        op("GET", "general", "GetRegisteredEventListeners"),
        EventListenerRegistration.class);
  }

  // ------------------------------------------------------------------ campaign targets

  /**
   * Lists a campaign's recipients on a channel (GetCustomerSendDetailsByChannel), fetching pages of
   * {@link CampaignTargetQuery#pageSize()} rows with {@code $top}/{@code $skip} only as the result
   * is iterated ({@link PagedIterable#stream()} for items, {@link PagedIterable#byPage()} for
   * pages; the continuation token starts with the next {@code $skip}): at most one page is held at
   * a time, so a campaign of millions runs in constant memory. The listing ends after an empty page
   * or one shorter than the page size. Each page's rows are parsed as they arrive from the socket.
   * A page that repeats the previous one (a server ignoring {@code $top}/{@code $skip}) stops the
   * listing with a {@link TargetListingException} instead of reading the same rows forever.
   *
   * <p>The requested attributes come back positionally, as a JSON array (current API) or one string
   * joined with the query's delimiter (older API); both are matched to the requested names, under
   * the key {@code CustomerAttributes} or the singular {@code CustomerAttribute}. A page on which
   * no row carries them stops the listing with a {@link TargetListingException} naming the
   * attributes and the keys seen.
   *
   * @param query the campaign, channel, attributes and page size
   * @return the lazy listing; failures surface while iterating it as {@link ApiServiceException},
   *     {@link ApiConnectionException} or {@link TargetListingException}
   */
  public PagedIterable<CustomerSendDetail> listCustomerSendDetails(CampaignTargetQuery query) {
    return listCustomerSendDetails(query, call -> {});
  }

  /** The same listing, telling {@code onCall} each page's call before it runs (to cancel it). */
  PagedIterable<CustomerSendDetail> listCustomerSendDetails(
      CampaignTargetQuery query, java.util.function.Consumer<retrofit2.Call<?>> onCall) {
    return targetListing(
        false,
        query,
        onCall,
        (attributes, stats) ->
            TargetPaging.listOf(
                TargetRows.sendDetails(attributes, stats),
                CustomerSendDetail::customerId,
                query.pageSize()));
  }

  /**
   * The listing of {@link #listCustomerExecutionDetails(CampaignTargetQuery,
   * java.util.function.Consumer)} ({@code execution} true) or {@link
   * #listCustomerSendDetails(CampaignTargetQuery, java.util.function.Consumer)} with each page's
   * rows kept packed ({@link CompactTargets}) and the page made one element by {@code pageOf} (the
   * target source's page of recipients), instead of a detail per row: the same calls, checks and
   * errors. Each page of the listing has exactly one item, that element.
   *
   * @param factory makes the element of a row that is not kept packed (see {@link CompactTargets})
   * @param campaignCodes the codes of rows without their own (send-details rows)
   * @param pageOf makes a page's element from its packed rows
   */
  <P> PagedIterable<P> listTargets(
      boolean execution,
      CampaignTargetQuery query,
      java.util.function.Consumer<retrofit2.Call<?>> onCall,
      TargetRows.TargetFactory<?> factory,
      List<String> campaignCodes,
      java.util.function.Function<CompactTargets, P> pageOf) {
    return targetListing(
        execution,
        query,
        onCall,
        (attributes, stats) -> {
          CompactTargets page =
              CompactTargets.page(
                  execution, attributes, stats, factory, campaignCodes, query.pageSize());
          return new TargetPaging.PageRows<P>() {
            @Override
            public void read(com.fasterxml.jackson.core.JsonParser parser)
                throws java.io.IOException {
              page.read(parser);
            }

            @Override
            public int size() {
              return page.size();
            }

            @Override
            public int idHash(int row) {
              return page.idHash(row);
            }

            @Override
            public List<P> items() {
              return List.of(pageOf.apply(page));
            }
          };
        });
  }

  /** One page's call of a target listing, from the joined attributes, delimiter and skip. */
  private interface PageCall {
    retrofit2.Call<okhttp3.ResponseBody> call(String attrs, String delimiter, long skip);
  }

  /**
   * A target listing: GetCustomerExecutionDetailsByCampaign ({@code execution} true) or
   * GetCustomerSendDetailsByChannel, with the query's attributes, paging, checks and readers.
   */
  private <T> PagedIterable<T> targetListing(
      boolean execution,
      CampaignTargetQuery query,
      java.util.function.Consumer<retrofit2.Call<?>> onCall,
      java.util.function.BiFunction<AttributeValues, TargetRows.PageStats, TargetPaging.PageRows<T>>
          rows) {
    Objects.requireNonNull(query, "query");
    String function =
        execution ? "GetCustomerExecutionDetailsByCampaign" : "GetCustomerSendDetailsByChannel";
    String rowName = execution ? "ExecutionDetailRow" : "SendDetailRow";
    PageCall pageCall =
        execution
            ? (attrs, delimiter, skip) ->
                api.getCustomerExecutionDetailsByCampaign(
                    cat("customers"),
                    query.campaignId(),
                    query.channelId(),
                    attrs,
                    delimiter,
                    query.pageSize(),
                    skip)
            : (attrs, delimiter, skip) ->
                api.getCustomerSendDetailsByChannel(
                    cat("customers"),
                    query.channelId(),
                    query.campaignId(),
                    attrs,
                    delimiter,
                    query.pageSize(),
                    skip);
    String operation = op("GET", "customers", function);
    String attrs = joinAttributes(query);
    String delimiter = attrs == null ? null : String.valueOf(query.attributeDelimiter());
    AttributeValues attributes = attributeValues(query);
    return TargetPaging.of(
        responses,
        query.campaignId(),
        query.customerAttributes(),
        query.pageSize(),
        skip -> pageCall.call(attrs, delimiter, skip),
        onCall,
        operation,
        rowName,
        stats -> rows.apply(attributes, stats));
  }

  /**
   * Lists a campaign's recipients with their actions and promo codes
   * (GetCustomerExecutionDetailsByCampaign), paged lazily like {@link
   * #listCustomerSendDetails(CampaignTargetQuery)}. {@code PromoCode} is comma-separated text and
   * is split; the send time is read from {@code ScheduleTime} or {@code ScheduledTime} (both
   * spellings are seen).
   *
   * @param query the campaign, channel, attributes and page size
   * @return the lazy listing
   */
  public PagedIterable<CustomerExecutionDetail> listCustomerExecutionDetails(
      CampaignTargetQuery query) {
    return listCustomerExecutionDetails(query, call -> {});
  }

  /** The same listing, telling {@code onCall} each page's call before it runs (to cancel it). */
  PagedIterable<CustomerExecutionDetail> listCustomerExecutionDetails(
      CampaignTargetQuery query, java.util.function.Consumer<retrofit2.Call<?>> onCall) {
    return targetListing(
        true,
        query,
        onCall,
        (attributes, stats) ->
            TargetPaging.listOf(
                TargetRows.executionDetails(attributes, stats),
                CustomerExecutionDetail::customerId,
                query.pageSize()));
  }

  /**
   * Lists the customers of a cancelled campaign (GetCanceledCampaignCustomers; Optimove keeps them
   * for two hours after event 4).
   *
   * @param campaign the positive campaign id
   * @return the customers, possibly empty
   * @throws ApiServiceException if Optimove rejects the call
   */
  public List<CanceledCampaignCustomer> listCanceledCustomers(CampaignId campaign) {
    long campaignId = requireCampaign(campaign);
    return responses
        .readList(
            api.getCanceledCampaignCustomers(cat("customers"), campaignId),
            op("GET", "customers", "GetCanceledCampaignCustomers"),
            WireRows.CanceledRow.class)
        .stream()
        .map(
            r ->
                new CanceledCampaignCustomer(
                    r.customerId(),
                    r.actionId() == null ? 0 : r.actionId(),
                    Responses.commaList(r.promoCode())))
        .toList();
  }

  /**
   * Reads a campaign's details (GetCampaignDetails).
   *
   * @param campaign the positive campaign id
   * @return the details; a response that is an array yields its first element
   * @throws io.campaignrelay.core.http.NotFoundException if Optimove answers 404
   * @throws ApiServiceException if Optimove rejects the call or returns nothing
   */
  public CampaignDetails getCampaignDetails(CampaignId campaign) {
    long campaignId = requireCampaign(campaign);
    String operation = op("GET", "actions", "GetCampaignDetails");
    JsonNode node =
        responses.read(
            api.getCampaignDetails(cat("actions"), campaignId),
            operation,
            Responses.MAPPER.constructType(JsonNode.class),
            null);
    if (node != null && node.isArray()) {
      node = node.isEmpty() ? null : node.get(0);
    }
    if (node == null || !node.isObject()) {
      throw responses.unusable(operation, "no details returned for CampaignID " + campaignId, "");
    }
    try {
      return Responses.MAPPER.treeToValue(node, CampaignDetails.class);
    } catch (java.io.IOException e) {
      throw responses.unusable(
          operation,
          "the campaign details could not be read (" + e.getClass().getSimpleName() + ")",
          node.toString());
    }
  }

  /**
   * Lists the campaigns executed on a channel on a date (GetExecutedCampaignsByChannel).
   *
   * @param channel the positive channel id
   * @param date the date (sent as {@code YYYY-MM-DD})
   * @return the campaign ids, possibly empty
   * @throws ApiServiceException if Optimove rejects the call
   */
  public List<CampaignId> listExecutedCampaigns(ChannelId channel, LocalDate date) {
    int channelId = requireChannel(channel);
    if (date == null) {
      throw new ConfigurationException(
          "Optimove call", ConfigurationProblem.of("date", null, "give the execution date"));
    }
    List<JsonNode> rows =
        responses.readList(
            api.getExecutedCampaignsByChannel(cat("actions"), channelId, date.toString()),
            op("GET", "actions", "GetExecutedCampaignsByChannel"),
            JsonNode.class);
    List<CampaignId> ids = new ArrayList<>(rows.size());
    for (JsonNode r : rows) {
      JsonNode id = r.isObject() ? Responses.field(r, "CampaignID") : r;
      long value = 0;
      if (id != null && id.canConvertToLong()) {
        value = id.asLong();
      } else if (id != null && id.isTextual() && id.asText().matches("[0-9]{1,18}")) {
        value = Long.parseLong(id.asText());
      }
      if (value > 0) {
        ids.add(CampaignId.scheduled(value));
      }
    }
    return ids;
  }

  /**
   * Lists a campaign's sends on a channel (GetExecutedCampaignChannelDetails).
   *
   * @param campaign the positive campaign id
   * @param channel the positive channel id
   * @return the rows, possibly empty
   * @throws ApiServiceException if Optimove rejects the call
   */
  public List<ExecutedCampaignChannelDetail> listExecutedCampaignChannelDetails(
      CampaignId campaign, ChannelId channel) {
    long campaignId = requireCampaign(campaign);
    int channelId = requireChannel(channel);
    return responses.readList(
        api.getExecutedCampaignChannelDetails(cat("actions"), campaignId, channelId),
        op("GET", "actions", "GetExecutedCampaignChannelDetails"),
        ExecutedCampaignChannelDetail.class);
  }

  // ------------------------------------------------------------------ attributes

  /**
   * Lists the customer attributes (model/GetCustomerAttributeList). For an Integrations key this is
   * INFERRED to be the attributes the key was granted.
   *
   * @return the attributes, possibly empty
   * @throws ApiServiceException if Optimove rejects the call
   */
  public List<CustomerAttributeDefinition> listCustomerAttributes() {
    return responses.readList(
        api.getCustomerAttributeList(cat("model")),
        op("GET", "model", "GetCustomerAttributeList"),
        CustomerAttributeDefinition.class);
  }

  /**
   * Reads one customer's attributes ({@code GET Customers/{CustomerID}/Attributes}, a newer REST
   * path that is the same in every path style). Whether an Integrations key may call it is UNKNOWN.
   *
   * @param customer the customer's id
   * @return the attributes the key can see, possibly empty
   * @throws ApiServiceException if Optimove rejects the call (a JSON-string body is an error)
   */
  public List<CustomerAttributeValue> getCustomerAttributes(CustomerId customer) {
    if (customer == null) {
      throw new ConfigurationException(
          "Optimove customer", ConfigurationProblem.of("customerId", null, "give a CustomerID"));
    }
    String customerId = customer.value();
    return responses.readList(
        api.getCustomerAttributes(customerId),
        "GET Customers/{CustomerID}/Attributes",
        CustomerAttributeValue.class);
  }

  // ------------------------------------------------------------------ metrics

  /**
   * Reports aggregate counts (UpdateCampaignMetrics), in calls of at most {@value
   * #MAX_ROWS_PER_CALL} rows. Re-sent after a 429 (nothing was processed), otherwise not retried
   * once a call reached Optimove (a repeat could count twice): on {@link
   * ApiConnectionException#outcomeUnknown()} check before repeating. {@link OptimoveMetricsSink}
   * keeps rows that could not be delivered in its outbox.
   *
   * @param metrics the rows
   * @throws ConfigurationException listing every invalid row, before anything is sent
   * @throws ApiServiceException if Optimove rejects a call
   */
  public void updateCampaignMetrics(List<CampaignMetric> metrics) {
    List<ConfigurationProblem> problems = new ArrayList<>();
    for (int i = 0; i < metrics.size(); i++) {
      CampaignMetric m = metrics.get(i);
      String f = "metrics[" + i + "]";
      if (m.channelId() <= 0) {
        problems.add(
            ConfigurationProblem.of(f + ".channelId", m.channelId(), "give a positive id"));
      }
      if (m.campaignId() <= 0) {
        problems.add(
            ConfigurationProblem.of(f + ".campaignId", m.campaignId(), "give a positive id"));
      }
      if (m.templateId() < 0) {
        problems.add(
            ConfigurationProblem.of(f + ".templateId", m.templateId(), "give zero or more"));
      }
      if (m.metricValue() < 0) {
        problems.add(
            ConfigurationProblem.of(f + ".metricValue", m.metricValue(), "give zero or more"));
      }
    }
    ConfigurationException.throwIfAny("Optimove campaign metrics", problems);
    for (List<CampaignMetric> chunk : Chunks.of(metrics, MAX_ROWS_PER_CALL)) {
      responses.write(
          api.updateCampaignMetrics(
              cat("integrations"),
              chunk.stream()
                  .map(
                      m ->
                          new WireRows.CampaignMetricRow(
                              m.channelId(),
                              m.campaignId(),
                              m.templateId(),
                              m.metricId().id(),
                              m.metricValue()))
                  .toList()),
          op("POST", "integrations", "UpdateCampaignMetrics"));
    }
  }

  /**
   * Reports per-customer interactions (UpdateCampaignInteractions), in calls of at most {@value
   * CampaignInteractions#MAX_CUSTOMERS_PER_CALL} customer ids. Re-sent after a 429 (nothing was
   * processed), otherwise not retried once a call reached Optimove.
   *
   * @param interactions the interactions
   * @throws ApiServiceException if Optimove rejects a call
   */
  public void updateCampaignInteractions(CampaignInteractions interactions) {
    Objects.requireNonNull(interactions, "interactions");
    for (List<String> chunk :
        Chunks.of(interactions.customerIds(), CampaignInteractions.MAX_CUSTOMERS_PER_CALL)) {
      responses.write(
          api.updateCampaignInteractions(
              cat("integrations"),
              new WireRows.InteractionsBody(
                  interactions.campaignId(),
                  interactions.channelId(),
                  interactions.interactionDate().toString(),
                  interactions.templateId(),
                  interactions.eventId().id(),
                  interactions.recipientGroupId(),
                  List.copyOf(chunk),
                  interactions.appId())),
          op("POST", "integrations", "UpdateCampaignInteractions"));
    }
  }

  // ------------------------------------------------------------------ integration check

  /**
   * Checks the integration settings against the SMS-channel guide and returns every problem at
   * once; the same as {@link #checkIntegration(List, String)} without a sample customer.
   *
   * @param selectedAttributes the attributes the integration uses, phone number first
   * @return the findings and the attributes the key can see
   */
  public IntegrationCheckResult checkIntegration(List<String> selectedAttributes) {
    return checkIntegration(selectedAttributes, null);
  }

  /**
   * Checks the integration settings against the SMS-channel guide and returns every problem at once
   * (never throws for a finding):
   *
   * <ul>
   *   <li>the endpoint exactly as configured: https, host {@code api<N>.optimove.net} or the
   *       sandbox API host, trailing slash (ERROR);
   *   <li>the attributes the key can see, read with one call: the sample customer's attributes
   *       ({@code Customers/{id}/Attributes}, like Delivyr's "Find Attributes") when {@code
   *       sampleCustomerId} is given, else model/GetCustomerAttributeList. A rejected key (401/403)
   *       is an ERROR naming the Integrations access type; an unreachable host is an ERROR;
   *   <li>a selected attribute the key cannot see (ERROR: the values would be missing);
   *   <li>more attributes visible than selected: an over-permissive key (WARNING: scope the
   *       Integrations key to the selected attributes only; never use Admin or Transactional keys);
   *   <li>the phone number attribute must be first in the selection (ERROR).
   * </ul>
   *
   * @param selectedAttributes the attributes the integration uses, phone number first
   * @param sampleCustomerId any customer id of the tenant, or null
   * @return the findings and the attributes the key can see
   */
  public IntegrationCheckResult checkIntegration(
      List<String> selectedAttributes, String sampleCustomerId) {
    List<String> selected = selectedAttributes == null ? List.of() : selectedAttributes;
    List<IntegrationProblem> problems = new ArrayList<>(EndpointRules.check(configuredEndpoint));
    List<String> visible = null;
    try {
      if (sampleCustomerId != null && !sampleCustomerId.isBlank()) {
        visible =
            getCustomerAttributes(CustomerId.of(sampleCustomerId)).stream()
                .map(CustomerAttributeValue::realFieldName)
                .filter(Objects::nonNull)
                .toList();
      } else {
        visible =
            listCustomerAttributes().stream()
                .map(CustomerAttributeDefinition::realFieldName)
                .filter(Objects::nonNull)
                .toList();
      }
    } catch (AuthenticationException e) {
      problems.add(
          new IntegrationProblem(
              Severity.ERROR,
              "credential",
              "HTTP " + e.statusCode(),
              "Optimove rejected the API key: create a key of the Integrations access type"
                  + " (never Admin or Transactional) with your channels and attributes selected"));
    } catch (ApiConnectionException e) {
      problems.add(
          new IntegrationProblem(
              Severity.ERROR,
              "endpoint",
              pipeline.endpoint(),
              "Optimove could not be reached ("
                  + e.getMessage()
                  + "): check the API Endpoint and the network"));
    } catch (ApiServiceException e) {
      problems.add(
          new IntegrationProblem(
              Severity.ERROR,
              "attributes",
              "HTTP " + e.statusCode(),
              "the attributes the key can see could not be read: " + e.getMessage()));
    }
    if (visible != null) {
      Set<String> visibleUpper = upper(visible);
      Set<String> selectedUpper = upper(selected);
      for (String s : selected) {
        if (s != null && !visibleUpper.contains(s.toUpperCase(Locale.ROOT))) {
          problems.add(
              new IntegrationProblem(
                  Severity.ERROR,
                  "customerAttributes",
                  s,
                  "the API key cannot see this attribute: add it to the key's attributes or"
                      + " remove it from the selection"));
        }
      }
      List<String> extra =
          visible.stream()
              .filter(v -> !selectedUpper.contains(v.toUpperCase(Locale.ROOT)))
              .toList();
      if (!extra.isEmpty()) {
        problems.add(
            new IntegrationProblem(
                Severity.WARNING,
                "credential",
                extra.size() + " unselected attributes visible: " + extra,
                "the API key is over-permissive: scope the Integrations key to only the"
                    + " attributes you intend to use"));
      }
    }
    if (selected.isEmpty()) {
      problems.add(
          new IntegrationProblem(
              Severity.ERROR,
              "customerAttributes",
              "[]",
              "select the attributes to use, the phone number first"));
    } else {
      try {
        CustomerAttributes.requirePhoneFirst("customerAttributes", selected);
      } catch (ConfigurationException e) {
        for (ConfigurationProblem p : e.problems()) {
          problems.add(new IntegrationProblem(Severity.ERROR, p.field(), p.value(), p.fix()));
        }
      }
    }
    return new IntegrationCheckResult(problems, visible == null ? List.of() : visible);
  }

  /**
   * Checks settings without any network call: the endpoint format, the key's presence and the
   * phone-first rule. Use it to validate a settings form before building a client.
   *
   * @param endpoint the endpoint exactly as typed
   * @param apiKey the key, or null
   * @param selectedAttributes the attributes, phone number first
   * @return every problem found
   */
  public static List<IntegrationProblem> checkSettings(
      String endpoint, Secret apiKey, List<String> selectedAttributes) {
    List<IntegrationProblem> problems = new ArrayList<>(EndpointRules.check(endpoint));
    if (apiKey == null) {
      problems.add(
          new IntegrationProblem(
              Severity.ERROR,
              "credential",
              null,
              "give the API key (Settings > Access Management > API Keys, Integrations access"
                  + " type)"));
    }
    List<String> selected = selectedAttributes == null ? List.of() : selectedAttributes;
    try {
      CustomerAttributes.requirePhoneFirst("customerAttributes", selected);
    } catch (ConfigurationException e) {
      for (ConfigurationProblem p : e.problems()) {
        problems.add(new IntegrationProblem(Severity.ERROR, p.field(), p.value(), p.fix()));
      }
    }
    return problems;
  }

  // ------------------------------------------------------------------ helpers

  private static String joinAttributes(CampaignTargetQuery query) {
    return query.customerAttributes().isEmpty()
        ? null
        : String.join(";", query.customerAttributes());
  }

  /** One attribute reader per query: the requested names are shared by every row. */
  private static AttributeValues attributeValues(CampaignTargetQuery query) {
    return AttributeValues.forQuery(query.customerAttributes(), query.attributeDelimiter());
  }

  private static Set<String> upper(List<String> names) {
    Set<String> s = new LinkedHashSet<>();
    for (String n : names) {
      if (n != null) {
        s.add(n.toUpperCase(Locale.ROOT));
      }
    }
    return s;
  }

  private static boolean isAbsoluteHttpUrl(String url) {
    try {
      URI u = URI.create(url.strip());
      return u.getHost() != null
          && ("https".equalsIgnoreCase(u.getScheme()) || "http".equalsIgnoreCase(u.getScheme()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static int checkChannel(ChannelId channel, List<ConfigurationProblem> problems) {
    if (channel == null) {
      problems.add(
          ConfigurationProblem.of(
              "channelId", null, "give the channel, e.g. ChannelId.SCHEDULED_SMS (452) or 250"));
      return 0;
    }
    return channel.value();
  }

  private static int requireChannel(ChannelId channel) {
    List<ConfigurationProblem> p = new ArrayList<>();
    int id = checkChannel(channel, p);
    ConfigurationException.throwIfAny("Optimove call", p);
    return id;
  }

  /** Optimove's scheduled campaigns have integer ids; a dotted (triggered) id is refused. */
  private static long requireCampaign(CampaignId campaign) {
    if (campaign == null || campaign.numericValue().isEmpty()) {
      throw new ConfigurationException(
          "Optimove call",
          ConfigurationProblem.of(
              "campaignId",
              campaign,
              "give the scheduled campaign's integer CampaignID, e.g. CampaignId.scheduled(1234)"));
    }
    return campaign.numericValue().getAsLong();
  }

  /** Optimove's TemplateIDs are integers of zero or more. */
  private static List<Long> requireTemplates(List<TemplateId> templateIds) {
    List<ConfigurationProblem> problems = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    if (templateIds == null) {
      problems.add(ConfigurationProblem.of("templateIds", null, "give the template ids"));
    } else {
      for (int i = 0; i < templateIds.size(); i++) {
        TemplateId t = templateIds.get(i);
        Long id = t == null || !t.value().matches("[0-9]{1,18}") ? null : Long.valueOf(t.value());
        if (id == null) {
          problems.add(
              ConfigurationProblem.of(
                  "templateIds[" + i + "]",
                  t,
                  "give Optimove's integer TemplateID, e.g. TemplateId.of(1001)"));
        } else {
          ids.add(id);
        }
      }
    }
    ConfigurationException.throwIfAny("Optimove call", problems);
    return ids;
  }

  /** Names the endpoint and path style; never the API key. */
  @Override
  public String toString() {
    return "OptimoveClient{endpoint="
        + pipeline.endpoint()
        + ", pathStyle="
        + pathStyle
        + ", credential="
        + apiKey
        + '}';
  }

  /**
   * Builds an {@link OptimoveClient} on core's {@link ClientBuilder} (its merge rule applies: a
   * setting made here wins over the same setting of {@link #clientOptions(ClientOptions)}, null
   * means the options'). The endpoint and the API key are required. Not thread-safe.
   */
  public static final class Builder extends ClientBuilder<Builder, Secret, OptimoveClient> {
    private OptimovePathStyle pathStyle = OptimovePathStyle.CLASSIC;
    private RateLimit rateLimit;

    private Builder() {}

    /**
     * Uses the sandbox API endpoint {@value OptimoveClient#SANDBOX_ENDPOINT}; the same as {@code
     * endpoint(SANDBOX_ENDPOINT)}.
     *
     * @return this builder
     */
    public Builder sandbox() {
      return endpoint(SANDBOX_ENDPOINT);
    }

    /**
     * Sets the path style (default {@link OptimovePathStyle#CLASSIC}).
     *
     * @param pathStyle the style
     * @return this builder
     */
    public Builder pathStyle(OptimovePathStyle pathStyle) {
      this.pathStyle = pathStyle;
      return this;
    }

    /**
     * Sets the client-side request budget; wins over the options' (default {@link
     * OptimoveClient#DEFAULT_RATE_LIMIT}).
     *
     * @param rateLimit the budget, or null for the options' (or the default)
     * @return this builder
     */
    public Builder rateLimit(RateLimit rateLimit) {
      this.rateLimit = rateLimit;
      return this;
    }

    @Override
    protected String subject() {
      return "Optimove client settings";
    }

    @Override
    protected String endpointFix() {
      return "set the tenant's API Endpoint, e.g. https://api5.optimove.net/ (Settings > Access"
          + " Management > API Keys)";
    }

    @Override
    protected String credentialFix() {
      return "set the API key of the Integrations access type";
    }

    @Override
    protected void checkCredential(Secret credential, List<ConfigurationProblem> problems) {
      if (!credential.reveal().strip().equals(credential.reveal())
          || credential.reveal().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        problems.add(
            ConfigurationProblem.ofSecret(
                "credential", "contains spaces or control characters: copy the key without them"));
      }
    }

    @Override
    protected void validate(List<ConfigurationProblem> problems) {
      if (pathStyle == null) {
        problems.add(ConfigurationProblem.of("pathStyle", null, "use OptimovePathStyle.CLASSIC"));
      }
    }

    @Override
    protected void customize(ClientOptions.Builder options) {
      if (rateLimit != null) {
        options.rateLimit(rateLimit);
      }
    }

    @Override
    protected OptimoveClient newClient(ClientOptions options, Secret credential) {
      return new OptimoveClient(options, configuredEndpoint(), credential, pathStyle);
    }
  }
}

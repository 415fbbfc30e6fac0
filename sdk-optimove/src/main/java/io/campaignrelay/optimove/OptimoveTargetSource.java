package io.campaignrelay.optimove;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.CustomerAttributes;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.PagedIterable;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.Recipient;
import io.campaignrelay.core.execution.TargetSource;
import io.campaignrelay.optimove.implementation.CompactTargets;
import io.campaignrelay.optimove.implementation.TargetRows;
import io.campaignrelay.optimove.models.CampaignTargetQuery;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import retrofit2.Call;

/**
 * The engine's {@link TargetSource} on Optimove: streams a scheduled campaign's recipients with
 * their attributes (in the configured order, the phone number first for SMS) and promo codes, page
 * by page ({@value CampaignTargetQuery#MAX_PAGE_SIZE} rows by default) and lazily, never holding
 * more than one page.
 *
 * <p>By default it reads GetCustomerExecutionDetailsByCampaign, which carries each customer's promo
 * codes and template; {@link Function#SEND_DETAILS_BY_CHANNEL} reads
 * GetCustomerSendDetailsByChannel instead (no per-customer promo codes: the campaign's own codes
 * are used). A customer whose template differs from the campaign's gets it through {@link
 * Recipient#withTemplate(TemplateId)}. A customer repeated within a window of page-size consecutive
 * rows is yielded once; repeats further apart are not tracked (that would hold every id of a
 * million-customer campaign in memory). Immutable and thread-safe.
 *
 * <p>A listing that cannot be trusted stops with a {@link TargetListingException} naming the
 * campaign and the page: a page that repeats the previous one, rows past the campaign's targeted
 * count plus a margin ({@link Builder#targetedMargin(long)}), or a page on which no row carries the
 * requested attributes. A row that alone lacks its attributes keeps them empty (never a made-up
 * value), so the engine's phone lookup drops it naming the missing attribute.
 */
public final class OptimoveTargetSource implements TargetSource {

  /** Which Optimove function lists the recipients. */
  public enum Function {
    /** GetCustomerExecutionDetailsByCampaign: per-customer promo codes and template (default). */
    EXECUTION_DETAILS_BY_CAMPAIGN,
    /** GetCustomerSendDetailsByChannel: the classic vendor pull. */
    SEND_DETAILS_BY_CHANNEL
  }

  /**
   * The name of the page reader's thread (when the source makes its own), followed by the campaign
   * id.
   */
  public static final String READER_THREAD_PREFIX = "campaignrelay-optimove-prefetch-";

  /** The smallest default margin over the targeted count, in rows. */
  public static final long MIN_TARGETED_MARGIN = 100;

  private final OptimoveClient client;
  private final long targetedMargin;
  private final List<String> customerAttributes;
  private final Function function;
  private final int pageSize;
  private final char attributeDelimiter;
  private final boolean prefetch;
  private final Executor prefetchExecutor;
  private final PagePrefetch.Observer prefetchObserver;

  private OptimoveTargetSource(Builder b) {
    this.client = b.client;
    this.customerAttributes = List.copyOf(b.customerAttributes);
    this.function = b.function;
    this.pageSize = b.pageSize;
    this.attributeDelimiter = b.attributeDelimiter;
    this.targetedMargin = b.targetedMargin;
    this.prefetch = b.prefetch;
    this.prefetchExecutor = b.prefetchExecutor;
    this.prefetchObserver = b.prefetchObserver;
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
   * The attributes requested for every recipient, in order.
   *
   * @return an unmodifiable list
   */
  public List<String> customerAttributes() {
    return customerAttributes;
  }

  /**
   * Streams the campaign's recipients. With {@link Builder#prefetch(boolean) prefetch} on (the
   * default) the first page is read when the stream is first advanced, each following page while
   * the one before it is consumed; a failure reading a page is thrown, unchanged, when the stream
   * reaches that page, after the rows of the pages before it.
   *
   * @param campaign a scheduled campaign (integer id)
   * @return a lazy stream; close it (the engine does, in try-with-resources): closing stops the
   *     page reader, cancelling a read in flight, and waits until it has returned
   * @throws ConfigurationException if the campaign id is not an integer
   */
  @Override
  public Stream<Recipient> recipients(Campaign campaign) {
    Objects.requireNonNull(campaign, "campaign");
    long campaignId =
        campaign
            .id()
            .numericValue()
            .orElseThrow(
                () ->
                    new ConfigurationException(
                        "Optimove target source",
                        ConfigurationProblem.of(
                            "campaign.id",
                            campaign.id(),
                            "Optimove lists targets of scheduled campaigns, whose ids are"
                                + " integers; triggered campaigns carry their customer in the"
                                + " event-11 payload")));
    CampaignTargetQuery query =
        CampaignTargetQuery.builder()
            .campaignId(campaignId)
            .channelId(campaign.channel().value())
            .customerAttributes(customerAttributes)
            .attributeDelimiter(attributeDelimiter)
            .pageSize(pageSize)
            .build();
    TemplateId campaignTemplate = campaign.templateId();
    long campaignTemplateNumber = number(campaignTemplate);
    InFlight inFlight = new InFlight();
    Targeted targeted = new Targeted(campaign, campaignId);
    List<String> campaignCodes = campaign.promoCodes();
    // a page keeps its rows packed, each made a recipient when the engine takes it; a row that
    // might not make one is made by this factory as it is read (a row that cannot be one is kept as
    // a Pending row and fails where it failed before: when its page is handed over, after the
    // page's checks)
    TargetRows.TargetFactory<Object> factory =
        (customerId, templateId, promoCodes, attributes) -> {
          List<String> codes = promoCodes != null ? promoCodes : campaignCodes;
          try {
            return recipient(
                customerId,
                attributes,
                codes,
                templateId,
                campaignTemplate,
                campaignTemplateNumber);
          } catch (RuntimeException notARecipient) {
            return new Pending(
                customerId,
                attributes,
                codes,
                templateId,
                campaignTemplate,
                campaignTemplateNumber);
          }
        };
    PagedIterable<Page> listing =
        client.listTargets(
            function == Function.EXECUTION_DETAILS_BY_CAMPAIGN,
            query,
            inFlight::watch,
            factory,
            campaignCodes,
            rows -> new Page(rows, campaignCodes, campaignTemplate, campaignTemplateNumber));
    Iterator<List<Recipient>> pages = new RecipientPages(listing.iterator(), targeted, pageSize);
    if (!prefetch) {
      return stream(new Rows(pages));
    }
    PagePrefetch<Recipient> prefetched =
        new PagePrefetch<>(
            pages,
            prefetchExecutor,
            READER_THREAD_PREFIX + campaignId,
            inFlight::stop,
            prefetchObserver);
    return stream(new Rows(prefetched)).onClose(prefetched::close);
  }

  private static Stream<Recipient> stream(Iterator<Recipient> rows) {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /** The call of the page being read, cancelled when the listing is stopped. */
  private static final class InFlight {
    private final AtomicReference<Call<?>> current = new AtomicReference<>();
    private volatile boolean stopped;

    void watch(Call<?> call) {
      current.set(call);
      if (stopped) {
        call.cancel();
      }
    }

    void stop() {
      stopped = true;
      Call<?> call = current.get();
      if (call != null) {
        call.cancel();
      }
    }
  }

  /**
   * Counts one listing's rows page by page and stops it with {@link
   * TargetListingException.Problem#PAST_TARGETED_COUNT} at the page that goes past the campaign's
   * targeted count plus the margin (before any of that page's rows is yielded).
   */
  private final class Targeted {
    private final long campaignId;
    private final long targeted;
    private final long margin;
    private long read;
    private int page;

    Targeted(Campaign campaign, long campaignId) {
      this.campaignId = campaignId;
      this.targeted = campaign.targetedCount().orElse(-1);
      this.margin =
          targeted < 0 ? 0 : targetedMargin >= 0 ? targetedMargin : defaultMargin(targeted);
    }

    void check(int rows) {
      if (targeted < 0) {
        return;
      }
      page++;
      long skip = read;
      read += rows;
      long limit = targeted + margin;
      if (read > limit) {
        throw new TargetListingException(
            TargetListingException.Problem.PAST_TARGETED_COUNT,
            campaignId,
            page,
            skip,
            customerAttributes,
            List.of(),
            "Optimove listed more targets for campaign "
                + campaignId
                + " than it targets: page "
                + page
                + " ($skip="
                + skip
                + ") brings the rows to "
                + read
                + ", past the targeted count "
                + targeted
                + " plus the margin "
                + margin
                + "; the listing was stopped (the server may ignore $top/$skip). Check the"
                + " campaign's targeted count or set targetedMargin(...)");
      }
    }
  }

  /** A row that was not a recipient when read: made again (and so failing) when handed over. */
  private record Pending(
      String customerId,
      CustomerAttributes attributes,
      List<String> promoCodes,
      long templateId,
      TemplateId campaignTemplate,
      long campaignTemplateNumber) {
    Recipient recipient() {
      return OptimoveTargetSource.recipient(
          customerId, attributes, promoCodes, templateId, campaignTemplate, campaignTemplateNumber);
    }
  }

  /**
   * One page of recipients over its packed rows ({@link CompactTargets}): each row is made a
   * recipient when it is taken ({@link #get(int)}, once per row by the consumer), so the page holds
   * characters and a few arrays, not the recipients' objects, while it waits and is consumed.
   */
  private static final class Page extends java.util.AbstractList<Recipient>
      implements java.util.RandomAccess {
    private final CompactTargets rows;
    private final List<String> campaignCodes;
    private final TemplateId campaignTemplate;
    private final long campaignTemplateNumber;
    private int[] kept; // the rows kept after the repeats were dropped, or null for all of them
    private int size;

    Page(
        CompactTargets rows,
        List<String> campaignCodes,
        TemplateId campaignTemplate,
        long campaignTemplateNumber) {
      this.rows = rows;
      this.campaignCodes = campaignCodes;
      this.campaignTemplate = campaignTemplate;
      this.campaignTemplateNumber = campaignTemplateNumber;
      this.size = rows.size();
    }

    /** Fails as the first row that is not a recipient fails, if there is one. */
    void checkRecipients() {
      for (int i = 0; i < size; i++) {
        if (rows.special(i) instanceof Pending p) {
          p.recipient();
        }
      }
    }

    void keep(int[] rowsKept, int count) {
      kept = rowsKept;
      size = count;
    }

    @Override
    public Recipient get(int index) {
      Objects.checkIndex(index, size);
      int row = kept == null ? index : kept[index];
      Object made = rows.special(row);
      if (made != null) {
        return made instanceof Recipient r ? r : ((Pending) made).recipient();
      }
      List<String> own = rows.promoCodes(row);
      return recipient(
          rows.customerId(row),
          rows.attributes(row),
          own != null ? own : campaignCodes,
          rows.templateId(row),
          campaignTemplate,
          campaignTemplateNumber);
    }

    @Override
    public int size() {
      return size;
    }
  }

  /**
   * The listing's pages as recipients, checked against the targeted count, a customer repeated
   * within a window of page-size consecutive rows kept once. The repeats are dropped here, on the
   * page reader, right after the page was read (its ids are still in the cache), and only once
   * every row of the page is a recipient: a page that fails leaves the window as it was.
   */
  private static final class RecipientPages implements Iterator<List<Recipient>> {
    private final Iterator<Page> pages;
    private final Targeted targeted;
    private final RecentIds recent;

    RecipientPages(Iterator<Page> pages, Targeted targeted, int window) {
      this.pages = pages;
      this.targeted = targeted;
      this.recent = new RecentIds(window);
    }

    @Override
    public boolean hasNext() {
      return pages.hasNext();
    }

    @Override
    public List<Recipient> next() {
      Page page = pages.next();
      int n = page.size();
      targeted.check(n);
      page.checkRecipients();
      int[] kept = null;
      int count = 0;
      for (int i = 0; i < n; i++) {
        if (recent.add(page.rows, i)) {
          if (kept != null) {
            kept[count] = i;
          }
          count++;
        } else if (kept == null) {
          kept = new int[n];
          for (int j = 0; j < i; j++) {
            kept[j] = j;
          }
        }
      }
      if (kept != null) {
        page.keep(kept, count);
      }
      return page;
    }
  }

  /**
   * The rows of the pages in order; the exhausted page is let go before the next one is asked for.
   */
  private static final class Rows implements Iterator<Recipient> {
    private final Iterator<List<Recipient>> pages;
    private List<Recipient> page;
    private int index;

    Rows(Iterator<List<Recipient>> pages) {
      this.pages = pages;
    }

    @Override
    public boolean hasNext() {
      while (page == null || index == page.size()) {
        page = null;
        if (!pages.hasNext()) {
          return false;
        }
        page = pages.next();
        index = 0;
      }
      return true;
    }

    @Override
    public Recipient next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return page.get(index++);
    }
  }

  /**
   * The last {@code window} distinct customer ids added, without an allocation per id: a ring of
   * the ids' places (a page's packed rows and a row) in insertion order and a linear-probing table
   * of their ring positions. The ring keeps the pages of its ids alive: at most the page being
   * added and the one before it, which the consumer holds anyway.
   */
  static final class RecentIds {
    private final CompactTargets[] pages;
    private final int[] rows;
    // each ring position's spread hash: probes and deletions compare and re-home by it without
    // reading the ids themselves (an id is only compared when its hash matches)
    private final int[] hashes;
    private final int[] table;
    private final int mask;
    private int head;
    private int size;

    RecentIds(int window) {
      pages = new CompactTargets[Math.max(1, window)];
      rows = new int[pages.length];
      hashes = new int[pages.length];
      int capacity = Integer.highestOneBit(Math.max(2, pages.length * 2 - 1)) << 1;
      table = new int[capacity];
      mask = capacity - 1;
    }

    /**
     * Adds a row's id unless it is among the last window ids added.
     *
     * @param page the row's page
     * @param row the row
     * @return true if it was added (not a recent repeat)
     */
    boolean add(CompactTargets page, int row) {
      int h = spread(page.idHash(row));
      int slot = h & mask;
      for (int e = table[slot]; e != 0; e = table[slot]) {
        if (hashes[e - 1] == h && page.sameId(row, pages[e - 1], rows[e - 1])) {
          return false;
        }
        slot = (slot + 1) & mask;
      }
      if (size == pages.length) {
        remove(head);
        slot = h & mask;
        while (table[slot] != 0) {
          slot = (slot + 1) & mask;
        }
      } else {
        size++;
      }
      pages[head] = page;
      rows[head] = row;
      hashes[head] = h;
      table[slot] = head + 1;
      head = head + 1 == pages.length ? 0 : head + 1;
      return true;
    }

    private static int spread(int hash) {
      int h = hash * 0x9E3779B9;
      return h ^ (h >>> 16);
    }

    /** Removes the id at a ring position from the table (backward-shift deletion). */
    private void remove(int position) {
      int i = hashes[position] & mask;
      while (table[i] != position + 1) {
        i = (i + 1) & mask;
      }
      int j = i;
      while (true) {
        j = (j + 1) & mask;
        int e = table[j];
        if (e == 0) {
          break;
        }
        int k = hashes[e - 1] & mask;
        boolean movable = i <= j ? (k <= i || k > j) : (k <= i && k > j);
        if (movable) {
          table[i] = e;
          i = j;
        }
      }
      table[i] = 0;
      pages[position] = null;
    }
  }

  /**
   * The default margin over a campaign's targeted count: a tenth of it, at least {@value
   * #MIN_TARGETED_MARGIN} rows.
   *
   * @param targeted the targeted count
   * @return the margin in rows
   */
  public static long defaultMargin(long targeted) {
    return Math.max(MIN_TARGETED_MARGIN, targeted / 10);
  }

  /** The campaign template as a number, when its id is one in canonical form, else -1. */
  private static long number(TemplateId template) {
    String v = template.value();
    try {
      long n = Long.parseLong(v);
      return n > 0 && Long.toString(n).equals(v) ? n : -1;
    } catch (NumberFormatException notNumeric) {
      return -1;
    }
  }

  private static Recipient recipient(
      String customerId,
      CustomerAttributes attributes,
      List<String> promoCodes,
      long templateId,
      TemplateId campaignTemplate,
      long campaignTemplateNumber) {
    Recipient r = Recipient.of(CustomerId.of(customerId), attributes, promoCodes);
    // the campaign's own template (nearly every row) needs no TemplateId of its own
    if (templateId > 0 && templateId != campaignTemplateNumber) {
      TemplateId own = TemplateId.of(templateId);
      if (!own.equals(campaignTemplate)) {
        r = r.withTemplate(own);
      }
    }
    return r;
  }

  @Override
  public String toString() {
    return "OptimoveTargetSource{" + function + ", attributes=" + customerAttributes + '}';
  }

  /** Builds an {@link OptimoveTargetSource}. Not thread-safe. */
  public static final class Builder {
    private OptimoveClient client;
    private final List<String> customerAttributes = new ArrayList<>();
    private String phoneAttribute;
    private Function function = Function.EXECUTION_DETAILS_BY_CAMPAIGN;
    private int pageSize = CampaignTargetQuery.MAX_PAGE_SIZE;
    private char attributeDelimiter = ',';
    private long targetedMargin = -1;
    private boolean prefetch = true;
    private Executor prefetchExecutor;
    private PagePrefetch.Observer prefetchObserver = PagePrefetch.Observer.NONE;

    private Builder() {}

    /**
     * Sets whether the next page is read while the current one is consumed (default true). The
     * cost: one extra page of memory (up to {@link #pageSize(int)} recipients with their
     * attributes) and one background reader per campaign run: a daemon thread named {@value
     * OptimoveTargetSource#READER_THREAD_PREFIX}{@code <campaign id>}, or a task on {@link
     * #prefetchExecutor(Executor)}. The reader calls Optimove through the same client, so its rate
     * limit and retries still apply. A failure reading a page reaches the stream when it gets to
     * that page, unchanged; closing the stream stops the reader. Off, each page is read on the
     * consumer's thread when the previous one is used up.
     *
     * @param enabled false to read the pages one after the other on the consumer's thread
     * @return this builder
     */
    public Builder prefetch(boolean enabled) {
      this.prefetch = enabled;
      return this;
    }

    /**
     * Sets where the page reader runs when {@link #prefetch(boolean)} is on (default: a daemon
     * thread of its own per campaign run). The executor must run the task on another thread and
     * keep it running for the whole listing (one task per run, which waits for the consumer between
     * pages); one that refuses the task, or runs it on the calling thread, makes the pages be read
     * on the consumer's thread as without prefetch.
     *
     * @param executor the executor, or null for a thread of the source's own
     * @return this builder
     */
    public Builder prefetchExecutor(Executor executor) {
      this.prefetchExecutor = executor;
      return this;
    }

    /** Observes the page reader (tests). */
    Builder prefetchObserver(PagePrefetch.Observer observer) {
      this.prefetchObserver = observer;
      return this;
    }

    /**
     * Sets how many rows past a campaign's {@link Campaign#targetedCount()} the listing may read
     * before it stops with {@link TargetListingException.Problem#PAST_TARGETED_COUNT} (default:
     * {@link OptimoveTargetSource#defaultMargin(long)}, a tenth of the count and at least {@value
     * OptimoveTargetSource#MIN_TARGETED_MARGIN}). Campaigns without a targeted count are not
     * checked this way (a repeated page still stops the listing).
     *
     * @param rows zero or more
     * @return this builder
     */
    public Builder targetedMargin(long rows) {
      this.targetedMargin = rows;
      return this;
    }

    /**
     * Sets the client (required).
     *
     * @param client the Optimove client
     * @return this builder
     */
    public Builder client(OptimoveClient client) {
      this.client = client;
      return this;
    }

    /**
     * Sets the attributes to request, in order (for SMS the phone number first, then the template
     * variables).
     *
     * @param names the RealFieldNames
     * @return this builder
     */
    public Builder customerAttributes(List<String> names) {
      customerAttributes.clear();
      customerAttributes.addAll(names);
      return this;
    }

    /**
     * Requires that this attribute is the first one (the SMS-channel guide: "the phone number must
     * be the first in the list").
     *
     * @param name the phone attribute's RealFieldName, or null to skip the check
     * @return this builder
     */
    public Builder phoneAttribute(String name) {
      this.phoneAttribute = name;
      return this;
    }

    /**
     * Chooses the Optimove function.
     *
     * @param function the function
     * @return this builder
     */
    public Builder function(Function function) {
      this.function = function;
      return this;
    }

    /**
     * Sets the page size.
     *
     * @param pageSize 1 to {@value CampaignTargetQuery#MAX_PAGE_SIZE}
     * @return this builder
     */
    public Builder pageSize(int pageSize) {
      this.pageSize = pageSize;
      return this;
    }

    /**
     * Sets the delimiter of the older single-string attribute form.
     *
     * @param delimiter {@code ,} or {@code ;}
     * @return this builder
     */
    public Builder attributeDelimiter(char delimiter) {
      this.attributeDelimiter = delimiter;
      return this;
    }

    /**
     * Builds the source.
     *
     * @return the source
     * @throws ConfigurationException listing every problem
     */
    public OptimoveTargetSource build() {
      List<ConfigurationProblem> problems = new ArrayList<>();
      if (client == null) {
        problems.add(ConfigurationProblem.of("client", null, "give an OptimoveClient"));
      }
      if (function == null) {
        problems.add(ConfigurationProblem.of("function", null, "choose a Function"));
      }
      if (targetedMargin < -1) {
        problems.add(
            ConfigurationProblem.of("targetedMargin", targetedMargin, "give zero or more rows"));
      }
      try {
        CampaignTargetQuery.builder()
            .campaignId(1)
            .channelId(1)
            .customerAttributes(customerAttributes)
            .attributeDelimiter(attributeDelimiter)
            .pageSize(pageSize)
            .build();
      } catch (ConfigurationException e) {
        problems.addAll(e.problems());
      }
      if (phoneAttribute != null) {
        try {
          CustomerAttributes.requirePhoneFirst(
              "customerAttributes", customerAttributes, phoneAttribute);
        } catch (ConfigurationException e) {
          problems.addAll(e.problems());
        }
      }
      ConfigurationException.throwIfAny("Optimove target source", problems);
      return new OptimoveTargetSource(this);
    }
  }
}

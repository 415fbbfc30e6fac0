package io.campaignrelay.textlocal;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.metrics.RejectionReason;
import io.campaignrelay.core.runtime.CampaignRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The flow's {@link CampaignLedger} kept in a core {@link
 * io.campaignrelay.core.runtime.CampaignLedger} (file-backed or database-backed), one record per
 * campaign under the channel {@value #CHANNEL}: the record's attributes hold the dispatch. Batch
 * ids are stored once each (bulk_json answers one entry per message, each with its call's batch
 * id).
 */
final class DurableCampaignLedger implements CampaignLedger {

  /** The channel part of the records' keys ({@code <campaign>:textlocal}). */
  static final String CHANNEL = "textlocal";

  private static final String DROPPED = "dropped.";

  private final io.campaignrelay.core.runtime.CampaignLedger store;

  DurableCampaignLedger(io.campaignrelay.core.runtime.CampaignLedger store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public synchronized void save(CampaignDispatch d) {
    Optional<CampaignRecord> old = store.find(CampaignRecord.keyOf(d.campaignId(), CHANNEL));
    CampaignRecord.Builder b = CampaignRecord.builder(d.campaignId(), CHANNEL, d.sendTime());
    // keep what others wrote on the record (e.g. the runtime's reported metric totals)
    old.ifPresent(
        r ->
            r.attributes()
                .forEach(
                    (k, v) -> {
                      if (k.startsWith("reported.")) {
                        b.attribute(k, v);
                      }
                    }));
    old.ifPresent(r -> r.metricDaysDone().forEach(b::metricDayDone));
    b.attribute("route", d.route().name())
        .attribute("groupId", d.groupId() == null ? "" : d.groupId())
        .attribute("temporaryGroupId", d.temporaryGroupId() == null ? "" : d.temporaryGroupId())
        .attribute("temporaryGroupDeleted", Boolean.toString(d.temporaryGroupDeleted()))
        .attribute("customTag", d.customTag() == null ? "" : d.customTag())
        .attribute("targeted", Long.toString(d.targeted()))
        .attribute("submitted", Long.toString(d.submitted()))
        .attribute("batchIds", String.join(",", new LinkedHashSet<>(d.batchIds())))
        .attribute("testMode", Boolean.toString(d.testMode()));
    d.droppedByReason().forEach((k, v) -> b.attribute(DROPPED + k.name(), Long.toString(v)));
    store.put(b.build());
  }

  @Override
  public Optional<CampaignDispatch> find(CampaignId campaignId) {
    return store.find(CampaignRecord.keyOf(campaignId, CHANNEL)).flatMap(DurableCampaignLedger::of);
  }

  @Override
  public List<CampaignDispatch> all() {
    List<CampaignDispatch> out = new ArrayList<>();
    for (CampaignRecord r : store.all()) {
      if (CHANNEL.equals(r.channel())) {
        of(r).ifPresent(out::add);
      }
    }
    return out;
  }

  /** The core record of a campaign's dispatch, if any. */
  Optional<CampaignRecord> record(CampaignId campaignId) {
    return store.find(CampaignRecord.keyOf(campaignId, CHANNEL));
  }

  /** Stores a record changed by the runtime (reported totals); the dispatch stays. */
  synchronized void put(CampaignRecord r) {
    store.put(r);
  }

  static Optional<CampaignDispatch> of(CampaignRecord r) {
    Optional<String> route = r.attribute("route");
    if (route.isEmpty()) {
      return Optional.empty();
    }
    Map<RejectionReason, Long> dropped = new EnumMap<>(RejectionReason.class);
    r.attributes()
        .forEach(
            (k, v) -> {
              if (k.startsWith(DROPPED)) {
                try {
                  dropped.put(
                      RejectionReason.valueOf(k.substring(DROPPED.length())), Long.valueOf(v));
                } catch (IllegalArgumentException e) {
                  // a reason this version does not know: left out of the counts
                }
              }
            });
    String batches = r.attribute("batchIds").orElse("");
    return Optional.of(
        new CampaignDispatch(
            r.campaignId(),
            CampaignDispatch.Route.valueOf(route.get()),
            emptyToNull(r.attribute("groupId").orElse("")),
            emptyToNull(r.attribute("temporaryGroupId").orElse("")),
            Boolean.parseBoolean(r.attribute("temporaryGroupDeleted").orElse("false")),
            emptyToNull(r.attribute("customTag").orElse("")),
            r.sendAt(),
            Long.parseLong(r.attribute("targeted").orElse("0")),
            Long.parseLong(r.attribute("submitted").orElse("0")),
            dropped,
            batches.isEmpty() ? List.of() : Arrays.asList(batches.split(",")),
            Boolean.parseBoolean(r.attribute("testMode").orElse("false"))));
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }
}

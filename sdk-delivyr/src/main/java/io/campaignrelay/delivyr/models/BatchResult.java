package io.campaignrelay.delivyr.models;

import java.util.List;

/**
 * Delivyr's answer to {@code POST messages/batch}.
 *
 * @param results one result per message, matched by {@link BatchItemResult#clientReference()}
 */
public record BatchResult(List<BatchItemResult> results) {

  /** Copies the results; a missing list becomes empty. */
  public BatchResult {
    results = results == null ? List.of() : List.copyOf(results);
  }
}

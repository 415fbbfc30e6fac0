package io.campaignrelay.delivyr;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Bounds an inbound JSON body before any parser builds a tree of it: one streaming pass under
 * Jackson's {@link StreamReadConstraints} (nesting depth, string length, document length, token
 * count) plus a bound on the elements of any one array. The token budget bounds the parse time
 * deterministically (the pass does constant work per token), so no wall clock is needed. A body
 * that passes is then parsed by the vendor's parser; one that fails is refused with its reason.
 * Immutable and thread-safe.
 */
final class InboundJsonLimits {

  /** The deepest nesting accepted (Optimove's payloads nest 3 levels). */
  static final int MAX_DEPTH = 16;

  /** The most elements of one array. */
  static final int MAX_ARRAY = 1_000;

  /** The most tokens of one body. */
  static final long MAX_TOKENS = 20_000;

  private final JsonFactory factory;
  private final int maxDocument;

  InboundJsonLimits(int maxBodyBytes) {
    this.maxDocument = maxBodyBytes;
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(Math.max(1_000, maxBodyBytes))
                    .maxNameLength(1_000)
                    .maxNumberLength(100)
                    .maxDocumentLength(maxBodyBytes)
                    .maxTokenCount(MAX_TOKENS)
                    .build())
            .build();
  }

  /** Why a body was refused: {@code limits} (a bound exceeded) or {@code malformed}. */
  record Refusal(String outcome, String reason) {}

  private static Optional<Refusal> malformed(String reason) {
    return Optional.of(new Refusal("malformed", reason));
  }

  private static Optional<Refusal> limits(String reason) {
    return Optional.of(new Refusal("limits", reason));
  }

  /**
   * Checks a body.
   *
   * @param body the raw bytes
   * @return empty if within the limits and well-formed JSON, else why (no body content)
   */
  Optional<Refusal> check(byte[] body) {
    if (body == null || body.length == 0) {
      return malformed("the body is empty");
    }
    if (body.length > maxDocument) {
      return limits("the body exceeds " + maxDocument + " bytes");
    }
    Deque<int[]> arrays = new ArrayDeque<>();
    try (JsonParser p = factory.createParser(body)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        return malformed("the body is not a JSON object");
      }
      int depth = 1;
      while (depth > 0) {
        t = p.nextToken();
        if (t == null) {
          return malformed("the JSON ends early");
        }
        if (!arrays.isEmpty() && arrays.peek()[1] == depth && !t.isStructEnd()) {
          if (++arrays.peek()[0] > MAX_ARRAY) {
            return limits("an array has more than " + MAX_ARRAY + " elements");
          }
        }
        if (t == JsonToken.START_ARRAY) {
          depth++;
          arrays.push(new int[] {0, depth});
        } else if (t == JsonToken.START_OBJECT) {
          depth++;
        } else if (t == JsonToken.END_ARRAY) {
          arrays.pop();
          depth--;
        } else if (t == JsonToken.END_OBJECT) {
          depth--;
        }
      }
      if (p.nextToken() != null) {
        return malformed("content after the JSON object");
      }
    } catch (StreamConstraintsException e) {
      return limits("the JSON exceeds a parse limit (depth, length or token count)");
    } catch (IOException | RuntimeException e) {
      return malformed("the body is not well-formed JSON");
    }
    return Optional.empty();
  }
}

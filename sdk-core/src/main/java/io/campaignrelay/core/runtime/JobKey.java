package io.campaignrelay.core.runtime;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.implementation.Texts;

/**
 * The identity of a job: its type, then the parts of what it is about, joined by {@code ':'}, e.g.
 * {@code execute:3701:452} or {@code metrics:3701:day3}. Scheduling a key twice is a no-op, so a
 * key must be derived from what the job is about, never from when it was asked for.
 *
 * @param value the key, printable ASCII without spaces, at most {@value #MAX_LENGTH} characters
 */
public record JobKey(String value) implements Comparable<JobKey> {

  /** The longest key. */
  public static final int MAX_LENGTH = 200;

  /**
   * Validates the key.
   *
   * @throws ConfigurationException if the key is empty, too long or has spaces or control
   *     characters
   */
  public JobKey {
    String fix = null;
    if (value == null || value.isEmpty()) {
      fix = "is empty: build it with JobKey.of(type, parts...)";
    } else if (value.length() > MAX_LENGTH) {
      fix = "is " + value.length() + " characters: give at most " + MAX_LENGTH;
    } else if (value.startsWith(":")) {
      fix = "has no type: start it with the job type, e.g. execute:3701";
    } else if (!Texts.isPrintableToken(value)) {
      fix = "has a space, control or non-ASCII character: use printable ASCII only";
    }
    if (fix != null) {
      throw new ConfigurationException(
          "job key", ConfigurationProblem.of("jobKey", Texts.printable(value), fix));
    }
  }

  /**
   * A key from a type and the parts of what the job is about.
   *
   * @param type the job type, e.g. {@code execute}
   * @param parts what it is about, e.g. a campaign id and a channel id
   * @return the key
   */
  public static JobKey of(String type, Object... parts) {
    StringBuilder sb = new StringBuilder(type == null ? "" : type);
    for (Object p : parts) {
      sb.append(':').append(p);
    }
    return new JobKey(sb.toString());
  }

  /**
   * The job type: the part before the first {@code ':'} (the whole key if there is none). The
   * scheduler finds a job's handler by it.
   *
   * @return the type
   */
  public String type() {
    int i = value.indexOf(':');
    return i < 0 ? value : value.substring(0, i);
  }

  @Override
  public int compareTo(JobKey o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}

package io.campaignrelay.textlocal.models;

import java.util.List;

/** Defaults for absent JSON values. */
final class Nulls {
  private Nulls() {}

  static <T> List<T> list(List<T> value) {
    return value == null ? List.of() : List.copyOf(value);
  }
}

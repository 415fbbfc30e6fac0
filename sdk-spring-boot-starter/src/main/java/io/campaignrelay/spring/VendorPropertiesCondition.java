package io.campaignrelay.spring;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when any of a vendor's credential properties is set. */
abstract class VendorPropertiesCondition implements Condition {
  private final String[] keys;

  VendorPropertiesCondition(String... keys) {
    this.keys = keys.clone();
  }

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    Environment env = context.getEnvironment();
    for (String k : keys) {
      if (env.containsProperty(k)) {
        return true;
      }
    }
    return false;
  }

  /** TextLocal: an API key, or a username with hash or password. */
  static final class TextLocal extends VendorPropertiesCondition {
    TextLocal() {
      super(
          "campaignrelay.textlocal.api-key",
          "campaignrelay.textlocal.username",
          "campaignrelay.textlocal.hash",
          "campaignrelay.textlocal.password");
    }
  }
}

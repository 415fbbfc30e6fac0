package io.campaignrelay.spring;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.Secret;
import io.campaignrelay.delivyr.OptimoveIntegrationSettings;
import io.campaignrelay.delivyr.models.OptimoveAccessType;
import io.campaignrelay.textlocal.TextLocalIntegrationSettings;
import io.campaignrelay.textlocal.models.CustomField;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Builds the runtimes' integration settings from the properties, with the SDK's own validation:
 * each problem the SDK reports is renamed to the property that holds the value ({@code apiKey}
 * becomes {@code campaignrelay.delivyr.runtime.integration.api-key}) so the failure report names
 * what the host must change. Loaded only when the vendor's module is on the classpath.
 */
final class RuntimeSettings {
  static final String DELIVYR = "campaignrelay.delivyr.runtime.integration.";
  static final String TEXTLOCAL = "campaignrelay.textlocal.runtime.integration.";

  private RuntimeSettings() {}

  static OptimoveIntegrationSettings delivyr(CampaignRelayProperties p) {
    CampaignRelayProperties.DelivyrIntegration i = p.getDelivyr().getRuntime().getIntegration();
    return renamed(
        DELIVYR,
        () -> {
          OptimoveIntegrationSettings.Builder b =
              OptimoveIntegrationSettings.builder()
                  .testingMode(p.getDelivyr().getRuntime().isTestingMode())
                  .apiEndpoint(
                      i.getApiEndpoint() != null
                          ? i.getApiEndpoint()
                          : p.getOptimove().getEndpoint())
                  .apiKey(
                      secret(i.getApiKey() != null ? i.getApiKey() : p.getOptimove().getApiKey()),
                      accessType(i.getApiKeyAccessType()))
                  .customerAttributes(List.copyOf(i.getCustomerAttributes()))
                  .triggeredOverrides(Map.copyOf(i.getTriggeredOverrides()));
          if (i.getPhoneNumberAttribute() != null) {
            b.phoneNumberAttribute(i.getPhoneNumberAttribute());
          }
          if (i.getTenantId() != null) {
            b.tenantId(i.getTenantId());
          }
          if (i.getTenantToken() != null) {
            b.tenantToken(secret(i.getTenantToken()));
          }
          if (i.getDefaultUrl() != null) {
            b.defaultUrl(i.getDefaultUrl());
          }
          return b.build();
        });
  }

  static TextLocalIntegrationSettings textLocal(CampaignRelayProperties p) {
    CampaignRelayProperties.TextLocalIntegration i = p.getTextlocal().getRuntime().getIntegration();
    CampaignRelayProperties.TextLocal client = p.getTextlocal();
    return renamed(
        TEXTLOCAL,
        () -> {
          TextLocalIntegrationSettings.Builder b =
              TextLocalIntegrationSettings.builder()
                  .apiKey(secret(i.getApiKey() != null ? i.getApiKey() : client.getApiKey()))
                  .username(i.getUsername() != null ? i.getUsername() : client.getUsername())
                  .password(
                      secret(i.getPassword() != null ? i.getPassword() : client.getPassword()))
                  .apiLoginUrl(i.getApiLoginUrl())
                  .contactGroup(i.getContactGroupId(), i.getContactGroupName());
          if (i.getContactGroupPrefix() != null) {
            b.contactGroupPrefix(i.getContactGroupPrefix());
          }
          if (i.getKeyField() != null) {
            b.keyField(keyField(i.getKeyField()));
          }
          if (i.getSenderName() != null) {
            b.senderName(i.getSenderName());
          }
          i.getGroups().forEach(b::addGroup);
          return b.build();
        });
  }

  static List<ConfigurationProblem> delivyrProblems(CampaignRelayProperties p) {
    return problemsOf(() -> delivyr(p));
  }

  static List<ConfigurationProblem> textLocalProblems(CampaignRelayProperties p) {
    return problemsOf(() -> textLocal(p));
  }

  private static List<ConfigurationProblem> problemsOf(Supplier<?> build) {
    try {
      build.get();
      return List.of();
    } catch (ConfigurationException e) {
      return e.problems();
    }
  }

  private static <T> T renamed(String prefix, Supplier<T> build) {
    try {
      return build.get();
    } catch (ConfigurationException e) {
      throw new ConfigurationException(
          "campaignrelay runtime settings",
          e.problems().stream()
              .map(q -> new ConfigurationProblem(property(prefix, q.field()), q.value(), q.fix()))
              .toList());
    }
  }

  /** {@code contactGroup.id} to {@code <prefix>contact-group-id}, {@code apiKey} to api-key. */
  static String property(String prefix, String field) {
    if (field == null) {
      return prefix.substring(0, prefix.length() - 1);
    }
    StringBuilder s = new StringBuilder(prefix);
    for (char c : field.toCharArray()) {
      if (Character.isUpperCase(c)) {
        s.append('-').append(Character.toLowerCase(c));
      } else if (c == '.') {
        s.append('-');
      } else {
        s.append(c);
      }
    }
    return s.toString();
  }

  private static Secret secret(String value) {
    return value == null || value.isBlank() ? null : Secret.of(value);
  }

  private static OptimoveAccessType accessType(String value) {
    return value == null ? null : OptimoveAccessType.fromString(value);
  }

  private static CustomField keyField(String value) {
    for (CustomField f : CustomField.values()) {
      if (f.name().equalsIgnoreCase(value.trim().replace("_", "").replace("-", ""))) {
        return f;
      }
    }
    throw new ConfigurationException(
        "campaignrelay runtime settings",
        ConfigurationProblem.of("keyField", value, "use CUSTOM1, CUSTOM2 or CUSTOM3"));
  }
}

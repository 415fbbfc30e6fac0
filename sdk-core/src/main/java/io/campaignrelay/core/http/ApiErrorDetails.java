package io.campaignrelay.core.http;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What is known about a vendor error, used to build an {@link ApiServiceException}. The shared
 * pipeline fills it from the response through the vendor's error parser; code that has to describe
 * an error the pipeline did not see (an answer a vendor module could not read further) uses {@link
 * #builder()} rather than the positional constructor.
 *
 * @param vendor the vendor name, e.g. {@code "acme"}
 * @param operation what was being done, e.g. {@code "POST send/"}
 * @param statusCode the HTTP status
 * @param vendorCode the vendor's error code, or null
 * @param vendorMessage the vendor's error message, or null
 * @param requestId the vendor's request id, or null
 * @param retryable whether the same request may succeed later
 * @param bodyExcerpt a redacted excerpt of the body; never null
 */
public record ApiErrorDetails(
    String vendor,
    String operation,
    int statusCode,
    String vendorCode,
    String vendorMessage,
    String requestId,
    boolean retryable,
    String bodyExcerpt) {

  /**
   * Validates the components.
   *
   * @throws NullPointerException if vendor, operation or bodyExcerpt is null
   */
  public ApiErrorDetails {
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(bodyExcerpt, "bodyExcerpt");
  }

  /**
   * A builder: vendor and operation are required, the status defaults to 200 (an error found in a
   * successful answer), the body excerpt to empty, everything else to null or false.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these details.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder()
        .vendor(vendor)
        .operation(operation)
        .statusCode(statusCode)
        .vendorCode(vendorCode)
        .vendorMessage(vendorMessage)
        .requestId(requestId)
        .retryable(retryable)
        .bodyExcerpt(bodyExcerpt);
  }

  String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(vendor).append(' ').append(operation).append(" failed: HTTP ").append(statusCode);
    if (vendorCode != null) {
      sb.append(", code ").append(vendorCode);
    }
    if (vendorMessage != null) {
      sb.append(", ").append(vendorMessage);
    }
    if (requestId != null) {
      sb.append(" (request id ").append(requestId).append(')');
    }
    return sb.toString();
  }

  /** Builds {@link ApiErrorDetails}. Not thread-safe. */
  public static final class Builder {
    private String vendor;
    private String operation;
    private int statusCode = 200;
    private String vendorCode;
    private String vendorMessage;
    private String requestId;
    private boolean retryable;
    private String bodyExcerpt = "";

    private Builder() {}

    /**
     * Sets the vendor name (required).
     *
     * @param vendor e.g. {@code "acme"}
     * @return this builder
     */
    public Builder vendor(String vendor) {
      this.vendor = vendor;
      return this;
    }

    /**
     * Sets what was being done (required).
     *
     * @param operation e.g. {@code "POST send/"}
     * @return this builder
     */
    public Builder operation(String operation) {
      this.operation = operation;
      return this;
    }

    /**
     * Sets the HTTP status (default 200).
     *
     * @param statusCode the status
     * @return this builder
     */
    public Builder statusCode(int statusCode) {
      this.statusCode = statusCode;
      return this;
    }

    /**
     * Sets the vendor's error code.
     *
     * @param vendorCode the code, or null
     * @return this builder
     */
    public Builder vendorCode(String vendorCode) {
      this.vendorCode = vendorCode;
      return this;
    }

    /**
     * Sets the vendor's error message (never a secret: it reaches the exception message).
     *
     * @param vendorMessage the message, or null
     * @return this builder
     */
    public Builder vendorMessage(String vendorMessage) {
      this.vendorMessage = vendorMessage;
      return this;
    }

    /**
     * Sets the vendor's request id.
     *
     * @param requestId the id, or null
     * @return this builder
     */
    public Builder requestId(String requestId) {
      this.requestId = requestId;
      return this;
    }

    /**
     * Sets whether the same request may succeed later (default false).
     *
     * @param retryable the flag
     * @return this builder
     */
    public Builder retryable(boolean retryable) {
      this.retryable = retryable;
      return this;
    }

    /**
     * Sets the redacted body excerpt (default empty; null means empty).
     *
     * @param bodyExcerpt the excerpt, already redacted
     * @return this builder
     */
    public Builder bodyExcerpt(String bodyExcerpt) {
      this.bodyExcerpt = bodyExcerpt == null ? "" : bodyExcerpt;
      return this;
    }

    /**
     * Builds the details.
     *
     * @return the details
     * @throws ConfigurationException if the vendor or the operation is missing
     */
    public ApiErrorDetails build() {
      List<ConfigurationProblem> problems = new ArrayList<>();
      if (vendor == null || vendor.isBlank()) {
        problems.add(ConfigurationProblem.of("vendor", vendor, "name the vendor, e.g. \"acme\""));
      }
      if (operation == null || operation.isBlank()) {
        problems.add(
            ConfigurationProblem.of(
                "operation", operation, "name what was being done, e.g. \"POST send/\""));
      }
      ConfigurationException.throwIfAny("API error details", problems);
      return new ApiErrorDetails(
          vendor,
          operation,
          statusCode,
          vendorCode,
          vendorMessage,
          requestId,
          retryable,
          bodyExcerpt);
    }
  }
}

package io.campaignrelay.optimove.models;

import io.campaignrelay.core.Secret;
import io.campaignrelay.optimove.implementation.OptimoveTimes;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * Event 14 of the file-based "Scheduled Campaign Integration SDK Flow": the campaign's customer
 * files are in Google Cloud Storage. The decryption key and the service account are credentials and
 * are kept as {@link Secret}s (never printed). Reading the files (GCS + Avro) is outside this SDK.
 *
 * @param timeStampText the {@code TimeStamp} as sent, or null
 * @param campaignId the {@code CampaignID}, 0 if absent
 * @param channelId the {@code ChannelID}, or null
 * @param engagementId the {@code EngagementID}, or null
 * @param tenantId the {@code TenantID} as text, or null
 * @param bucketName the {@code BucketName}, or null
 * @param customersFolderPath the {@code CustomersFolderPath}, or null
 * @param metadataFilePath the {@code MetadataFilePath}, or null
 * @param decryptionKey the {@code DecryptionKey} (base64 CSEK), or null
 * @param serviceAccount the {@code ServiceAccount} (base64 GCP credentials), or null
 */
public record CustomerFilesReadyEvent(
    String timeStampText,
    long campaignId,
    Integer channelId,
    String engagementId,
    String tenantId,
    String bucketName,
    String customersFolderPath,
    String metadataFilePath,
    Secret decryptionKey,
    Secret serviceAccount)
    implements OptimoveEvent {

  @Override
  public EventType eventType() {
    return EventType.CUSTOMER_FILES_READY;
  }

  /**
   * The time stamp as a wall-clock value (zone UNKNOWN).
   *
   * @return the time, or empty if absent or unreadable
   */
  public Optional<LocalDateTime> timeStamp() {
    return OptimoveTimes.localDateTime(timeStampText);
  }
}

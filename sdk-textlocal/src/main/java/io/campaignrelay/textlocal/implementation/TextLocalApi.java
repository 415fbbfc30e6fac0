package io.campaignrelay.textlocal.implementation;

import io.campaignrelay.core.http.spi.HttpPipeline;
import io.campaignrelay.textlocal.models.Acknowledgement;
import io.campaignrelay.textlocal.models.Balance;
import io.campaignrelay.textlocal.models.BatchStatus;
import io.campaignrelay.textlocal.models.BulkSendResult;
import io.campaignrelay.textlocal.models.ContactDeleted;
import io.campaignrelay.textlocal.models.ContactPage;
import io.campaignrelay.textlocal.models.ContactsCreated;
import io.campaignrelay.textlocal.models.GroupCreated;
import io.campaignrelay.textlocal.models.GroupList;
import io.campaignrelay.textlocal.models.HistoryPage;
import io.campaignrelay.textlocal.models.InboundMessagePage;
import io.campaignrelay.textlocal.models.InboxList;
import io.campaignrelay.textlocal.models.MessageStatus;
import io.campaignrelay.textlocal.models.OptOutList;
import io.campaignrelay.textlocal.models.ScheduledList;
import io.campaignrelay.textlocal.models.SendResult;
import io.campaignrelay.textlocal.models.SenderNames;
import io.campaignrelay.textlocal.models.TemplateList;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.Field;
import retrofit2.http.FormUrlEncoded;
import retrofit2.http.Headers;
import retrofit2.http.POST;

/**
 * The TextLocal API as Retrofit sees it: one form-encoded POST to {@code <host>/<command>/} per
 * command. Credentials are not parameters here: {@link FormAuthentication} appends them to every
 * form body. A null argument is left out of the form. Commands without parameters send {@code
 * format=json} (valid on every command) so that every body is a form.
 *
 * <p>Reads are marked {@link HttpPipeline#RETRY_SAFE}; {@code send} and {@code bulk_json} (no
 * idempotency key exists) and the other writes are not, so they are never re-sent after reaching
 * TextLocal.
 */
public interface TextLocalApi {

  /** The {@code format} value sent with commands that have no parameter. */
  String JSON = "json";

  /**
   * {@code send}.
   *
   * @param numbers comma-separated digits, or null
   * @param groupId the group, or null
   * @param message the text
   * @param sender the sender, or null
   * @param scheduleTime Unix seconds, or null
   * @param receiptUrl the receipt URL, or null
   * @param custom the batch tag, or null
   * @param optouts the flag, or null
   * @param validity Unix seconds, or null
   * @param unicode the flag, or null
   * @param trackingLinks the flag, or null
   * @param test the flag, or null
   * @param simpleReply the flag, or null
   * @return the call
   */
  @FormUrlEncoded
  @POST("send/")
  Call<SendResult> send(
      @Field("numbers") String numbers,
      @Field("group_id") String groupId,
      @Field("message") String message,
      @Field("sender") String sender,
      @Field("schedule_time") Long scheduleTime,
      @Field("receipt_url") String receiptUrl,
      @Field("custom") String custom,
      @Field("optouts") Boolean optouts,
      @Field("validity") Long validity,
      @Field("unicode") Boolean unicode,
      @Field("tracking_links") Boolean trackingLinks,
      @Field("test") Boolean test,
      @Field("simple_reply") Boolean simpleReply);

  /**
   * {@code bulk_json}.
   *
   * @param form the form with its {@code data} field, encoded once ({@link
   *     JsonBodies#bulkForm(java.util.List, io.campaignrelay.textlocal.models.BulkSendOptions,
   *     boolean)}); the credentials are put in front of it as for every form
   * @return the call
   */
  @POST("bulk_json/")
  Call<BulkSendResult> bulkJson(@Body EncodedForm form);

  /**
   * {@code get_templates}.
   *
   * @param format {@link #JSON}
   * @return the call
   */
  @FormUrlEncoded
  @POST("get_templates/")
  @Headers(HttpPipeline.RETRY_SAFE)
  Call<TemplateList> getTemplates(@Field("format") String format);

  /**
   * {@code get_groups}.
   *
   * @param format {@link #JSON}
   * @return the call
   */
  @FormUrlEncoded
  @POST("get_groups/")
  @Headers(HttpPipeline.RETRY_SAFE)
  Call<GroupList> getGroups(@Field("format") String format);

  /**
   * {@code create_group}.
   *
   * @param name the group name
   * @return the call
   */
  @FormUrlEncoded
  @POST("create_group/")
  Call<GroupCreated> createGroup(@Field("name") String name);

  /**
   * {@code delete_group}.
   *
   * @param groupId the group
   * @return the call
   */
  @FormUrlEncoded
  @POST("delete_group/")
  Call<Acknowledgement> deleteGroup(@Field("group_id") String groupId);

  /**
   * {@code get_contacts}.
   *
   * @param groupId the group
   * @param number restrict to this number, or null
   * @param start the offset
   * @param limit the page size
   * @return the call
   */
  @FormUrlEncoded
  @POST("get_contacts/")
  @Headers(HttpPipeline.RETRY_SAFE)
  Call<ContactPage> getContacts(
      @Field("group_id") String groupId,
      @Field("number") String number,
      @Field("start") Integer start,
      @Field("limit") Integer limit);

  /**
   * {@code create_contacts}.
   *
   * @param numbers comma-separated digits
   * @param groupId the group
   * @return the call
   */
  @FormUrlEncoded
  @POST("create_contacts/")
  Call<ContactsCreated> createContacts(
      @Field("numbers") String numbers, @Field("group_id") String groupId);

  /**
   * {@code create_contacts_bulk}.
   *
   * @param groupId the group
   * @param contacts the JSON array of contacts
   * @return the call
   */
  @FormUrlEncoded
  @POST("create_contacts_bulk/")
  Call<ContactsCreated> createContactsBulk(
      @Field("group_id") String groupId, @Field("contacts") String contacts);

  /**
   * {@code delete_contact}.
   *
   * @param number the digits
   * @param groupId the group
   * @return the call
   */
  @FormUrlEncoded
  @POST("delete_contact/")
  Call<ContactDeleted> deleteContact(
      @Field("number") String number, @Field("group_id") String groupId);

  /**
   * {@code get_optouts}.
   *
   * @param time only opt-outs after this Unix time, or null
   * @param format {@link #JSON}
   * @return the call
   */
  @FormUrlEncoded
  @POST("get_optouts/")
  @Headers(HttpPipeline.RETRY_SAFE)
  Call<OptOutList> getOptOuts(@Field("time") Long time, @Field("format") String format);

  /**
   * {@code get_scheduled}.
   *
   * @param format {@link #JSON}
   * @return the call
   */
  @FormUrlEncoded
  @POST("get_scheduled/")
  @Headers(HttpPipeline.RETRY_SAFE)
  Call<ScheduledList> getScheduled(@Field("format") String format);

  /**
   * {@code cancel_scheduled}.
   *
   * @param sentId the scheduled send's id
   * @return the call
   */
  @FormUrlEncoded
  @POST("cancel_scheduled/")
  Call<Acknowledgement> cancelScheduled(@Field("sent_id") String sentId);

  /**
   * {@code balance}.
   *
   * @param format {@link #JSON}
   * @return the call
   */
  @FormUrlEncoded
  @POST("balance/")
  @Headers(HttpPipeline.RETRY_SAFE)
  Call<Balance> balance(@Field("format") String format);

  /**
   * {@code get_sender_names}.
   *
   * @param format {@link #JSON}
   * @return the call
   */
  @FormUrlEncoded
  @POST("get_sender_names/")
  @Headers(HttpPipeline.RETRY_SAFE)
  Call<SenderNames> getSenderNames(@Field("format") String format);

  /**
   * {@code status_message}.
   *
   * @param messageId the message id
   * @return the call
   */
  @FormUrlEncoded
  @POST("status_message/")
  @Headers(HttpPipeline.RETRY_SAFE)
  Call<MessageStatus> statusMessage(@Field("message_id") String messageId);

  /**
   * {@code status_batch}.
   *
   * @param batchId the batch id
   * @return the call
   */
  @FormUrlEncoded
  @POST("status_batch/")
  @Headers(HttpPipeline.RETRY_SAFE)
  Call<BatchStatus> statusBatch(@Field("batch_id") String batchId);

  /**
   * {@code get_history_single}.
   *
   * @param minTime Unix seconds, or null
   * @param maxTime Unix seconds, or null
   * @param sortOrder {@code asc}/{@code desc}, or null
   * @param start the offset
   * @param limit the page size
   * @return the call
   */
  @FormUrlEncoded
  @POST("get_history_single/")
  @Headers(HttpPipeline.RETRY_SAFE)
  Call<HistoryPage> getHistorySingle(
      @Field("min_time") Long minTime,
      @Field("max_time") Long maxTime,
      @Field("sort_order") String sortOrder,
      @Field("start") Integer start,
      @Field("limit") Integer limit);

  /**
   * {@code get_history_group}.
   *
   * @param minTime Unix seconds, or null
   * @param maxTime Unix seconds, or null
   * @param sortOrder {@code asc}/{@code desc}, or null
   * @param start the offset
   * @param limit the page size
   * @return the call
   */
  @FormUrlEncoded
  @POST("get_history_group/")
  @Headers(HttpPipeline.RETRY_SAFE)
  Call<HistoryPage> getHistoryGroup(
      @Field("min_time") Long minTime,
      @Field("max_time") Long maxTime,
      @Field("sort_order") String sortOrder,
      @Field("start") Integer start,
      @Field("limit") Integer limit);

  /**
   * {@code get_history_api}.
   *
   * @param minTime Unix seconds, or null
   * @param maxTime Unix seconds, or null
   * @param sortOrder {@code asc}/{@code desc}, or null
   * @param start the offset
   * @param limit the page size
   * @return the call
   */
  @FormUrlEncoded
  @POST("get_history_api/")
  @Headers(HttpPipeline.RETRY_SAFE)
  Call<HistoryPage> getHistoryApi(
      @Field("min_time") Long minTime,
      @Field("max_time") Long maxTime,
      @Field("sort_order") String sortOrder,
      @Field("start") Integer start,
      @Field("limit") Integer limit);

  /**
   * {@code get_inboxes}.
   *
   * @param format {@link #JSON}
   * @return the call
   */
  @FormUrlEncoded
  @POST("get_inboxes/")
  @Headers(HttpPipeline.RETRY_SAFE)
  Call<InboxList> getInboxes(@Field("format") String format);

  /**
   * {@code get_messages}.
   *
   * @param inboxId the inbox
   * @param minTime Unix seconds, or null
   * @param maxTime Unix seconds, or null
   * @param sortOrder {@code asc}/{@code desc}, or null
   * @param sortField {@code date}/{@code number}, or null
   * @param start the offset
   * @param limit the page size
   * @return the call
   */
  @FormUrlEncoded
  @POST("get_messages/")
  @Headers(HttpPipeline.RETRY_SAFE)
  Call<InboundMessagePage> getMessages(
      @Field("inbox_id") String inboxId,
      @Field("min_time") Long minTime,
      @Field("max_time") Long maxTime,
      @Field("sort_order") String sortOrder,
      @Field("sort_field") String sortField,
      @Field("start") Integer start,
      @Field("limit") Integer limit);
}

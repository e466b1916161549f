package theo.gmail;

import com.google.api.client.googleapis.batch.BatchCallback;
import com.google.api.client.googleapis.batch.BatchRequest;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonErrorContainer;
import com.google.api.client.googleapis.services.AbstractGoogleClientRequest;
import com.google.api.client.http.HttpContent;
import com.google.api.client.http.HttpExecuteInterceptor;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.Label;
import com.google.api.services.gmail.model.ListHistoryResponse;
import com.google.api.services.gmail.model.ListMessagesResponse;
import com.google.api.services.gmail.model.Profile;
import com.google.api.services.gmail.model.WatchRequest;
import com.google.api.services.gmail.model.WatchResponse;
import com.google.api.services.people.v1.PeopleService;
import com.google.api.services.people.v1.model.ListConnectionsResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import theo.gmail.GmailMappers.MessageRow;
import theo.google.GoogleApis;
import theo.google.GoogleException;
import theo.google.GoogleFailures;
import theo.google.GoogleNotFoundException;
import theo.ratelimit.QuotaBudget;

/**
 * Gmail and People for one user through the clients of the Google module, with Gmail's quota pacing
 * (see {@link GmailQuota}) around every attempt of every call, batch parts included; retries and
 * failure classes are the Google module's.
 */
@Component
record GmailClient(GoogleApis google, GmailQuota quota) {
  static final int LIST_PAGE_SIZE = 500;
  static final int HISTORY_PAGE_SIZE = 500;
  static final String PERSON_FIELDS = "names,emailAddresses,phoneNumbers,organizations";

  /** The user's mailbox as Theo calls it. */
  Mailbox mailbox(UUID userId) {
    return new Mailbox(userId, google.mailbox(userId));
  }

  int maxBatchParts() {
    return quota.maxBatchParts();
  }

  /** One user's Gmail and contacts. */
  final class Mailbox {
    private final UUID userId;
    private final Gmail gmail;
    private final PeopleService people;
    private final HttpRequestInitializer authorization;
    private final MessageRowParser rows;

    private Mailbox(UUID userId, GoogleApis.Mailbox clients) {
      this.userId = userId;
      this.gmail = clients.gmail();
      this.people = clients.people();
      this.authorization = clients.authorization();
      this.rows = new MessageRowParser(gmail.getObjectParser());
    }

    Profile profile() {
      return call(GmailQuota.PROFILE_UNITS, () -> gmail.users().getProfile("me"));
    }

    /** Asks Gmail to publish every change of the mailbox to the Pub/Sub topic. */
    WatchResponse watch(String topicName) {
      return call(
          GmailQuota.WATCH_UNITS,
          () -> gmail.users().watch("me", new WatchRequest().setTopicName(topicName)));
    }

    /** Ends the mailbox's watch. */
    void stopWatch() {
      call(GmailQuota.STOP_UNITS, () -> gmail.users().stop("me"));
    }

    List<Label> labels() {
      List<Label> labels =
          call(GmailQuota.LABELS_UNITS, () -> gmail.users().labels().list("me")).getLabels();
      return labels == null ? List.of() : labels;
    }

    /**
     * One page of message ids, spam and trash included: the whole mailbox, or only mail received at
     * or after {@code receivedAfter} when given (Gmail's {@code after:} with epoch seconds).
     */
    ListMessagesResponse listMessages(@Nullable String pageToken, @Nullable Instant receivedAfter) {
      return call(
          GmailQuota.LIST_UNITS,
          () ->
              gmail
                  .users()
                  .messages()
                  .list("me")
                  .setIncludeSpamTrash(true)
                  .setQ(receivedAfter == null ? null : "after:" + receivedAfter.getEpochSecond())
                  .setMaxResults((long) LIST_PAGE_SIZE)
                  .setPageToken(pageToken));
    }

    /**
     * One page of history after {@code startHistoryId}.
     *
     * @throws GoogleNotFoundException when Google no longer has that history
     */
    ListHistoryResponse history(long startHistoryId, @Nullable String pageToken) {
      return call(
          GmailQuota.HISTORY_UNITS,
          () ->
              gmail
                  .users()
                  .history()
                  .list("me")
                  .setStartHistoryId(BigInteger.valueOf(startHistoryId))
                  .setHistoryTypes(
                      List.of("messageAdded", "messageDeleted", "labelAdded", "labelRemoved"))
                  .setMaxResults((long) HISTORY_PAGE_SIZE)
                  .setPageToken(pageToken));
    }

    ListConnectionsResponse connections(@Nullable String pageToken) {
      return call(
          0,
          () ->
              people
                  .people()
                  .connections()
                  .list("people/me")
                  .setPersonFields(PERSON_FIELDS)
                  .setPageSize(1000)
                  .setPageToken(pageToken));
    }

    /**
     * The messages in format {@code full} as the rows Theo stores, fetched in one batch request;
     * ids Google no longer has are left out. Parts refused for rate or server reasons are retried
     * (only those parts) under the Google module's retry policy.
     */
    Map<String, MessageRow> messages(List<String> ids) {
      Map<String, MessageRow> found = new LinkedHashMap<>();
      List<String> pending = new ArrayList<>(ids);
      return google.call(
          GoogleApis.GMAIL,
          "users.messages.batch-get",
          () -> {
            BatchOutcome outcome = batchOnce(pending);
            found.putAll(outcome.found);
            pending.retainAll(outcome.retry);
            if (outcome.retryFailure != null) {
              throw outcome.retryFailure;
            }
            return found;
          });
    }

    /**
     * Sends one batch. A failure of the whole batch (server error, lost connection) is thrown, so
     * all its parts are tried again; failed parts are sorted out in {@link BatchOutcome}.
     */
    private BatchOutcome batchOnce(List<String> ids) throws IOException, InterruptedException {
      BatchOutcome outcome = new BatchOutcome();
      try (QuotaBudget.Reservation ignored =
          quota.reserve(userId, ids.size() * GmailQuota.GET_UNITS)) {
        BatchRequest batch = gmail.batch(this::initializeBatch);
        for (String id : ids) {
          HttpRequest get =
              gmail.users().messages().get("me", id).setFormat("full").buildHttpRequest();
          // Each part's answer is read straight into its row (errors by Google's parser).
          get.setParser(rows);
          batch.queue(
              get,
              MessageRow.class,
              GoogleJsonErrorContainer.class,
              new BatchCallback<>() {
                @Override
                public void onSuccess(MessageRow row, HttpHeaders headers) {
                  outcome.found.put(id, row);
                }

                @Override
                public void onFailure(GoogleJsonErrorContainer error, HttpHeaders headers) {
                  outcome.failed(id, error.getError(), headers);
                }
              });
        }
        batch.execute();
      }
      return outcome;
    }

    private void initializeBatch(HttpRequest request) throws IOException {
      authorization.initialize(request);
      HttpExecuteInterceptor before = request.getInterceptor();
      request.setInterceptor(
          batch -> {
            if (before != null) {
              before.intercept(batch);
            }
            if (batch.getContent() != null) {
              batch.setContent(new SerializedOnce(batch.getContent()));
            }
          });
    }

    private <T> T call(int units, RequestFactory<T> request) {
      return google.call(
          units == 0 ? GoogleApis.CONTACTS : GoogleApis.GMAIL,
          () -> {
            try (QuotaBudget.Reservation ignored =
                units == 0 ? () -> {} : quota.reserve(userId, units)) {
              return request.create().execute();
            }
          });
    }
  }

  /**
   * A batch request's multipart content, serialized once. Google's client learns the length of a
   * request by serializing its content into a counting stream, then serializes it again to send it:
   * for a batch of 100 parts, a tenth of what the sync's batch threads spent. The bytes are taken
   * when the length is first asked for, so after every interceptor (the parts' own included, which
   * run after the batch's) has set its headers.
   */
  static final class SerializedOnce implements HttpContent {
    private final HttpContent content;
    private byte @Nullable [] bytes;

    SerializedOnce(HttpContent content) {
      this.content = content;
    }

    @Override
    public long getLength() throws IOException {
      return bytes().length;
    }

    @Override
    public String getType() {
      return content.getType();
    }

    @Override
    public boolean retrySupported() {
      return content.retrySupported();
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      out.write(bytes());
    }

    private byte[] bytes() throws IOException {
      if (bytes == null) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);
        content.writeTo(buffer);
        bytes = buffer.toByteArray();
      }
      return bytes;
    }
  }

  /** A Google request built fresh for every attempt. */
  @FunctionalInterface
  private interface RequestFactory<T> {
    AbstractGoogleClientRequest<T> create() throws IOException;
  }

  /** What one batch request brought back. */
  private static final class BatchOutcome {
    final Map<String, MessageRow> found = new LinkedHashMap<>();
    final Set<String> retry = new HashSet<>();
    @Nullable GoogleException retryFailure;

    /** A part Google refused: skipped when gone, kept for the next attempt when retryable. */
    void failed(String id, GoogleJsonError error, HttpHeaders headers) {
      GoogleException failure = GoogleFailures.classify(GoogleApis.GMAIL, error, headers);
      if (failure instanceof GoogleNotFoundException) {
        return; // deleted since it was listed
      }
      if (!failure.retryable()) {
        throw failure;
      }
      retry.add(id);
      if (retryFailure == null || failure.retryAfter().compareTo(retryFailure.retryAfter()) > 0) {
        retryFailure = failure;
      }
    }
  }
}

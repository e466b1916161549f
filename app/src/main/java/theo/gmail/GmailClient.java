package theo.gmail;

import com.google.api.client.googleapis.batch.BatchCallback;
import com.google.api.client.googleapis.batch.BatchRequest;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonErrorContainer;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.googleapis.services.AbstractGoogleClientRequest;
import com.google.api.client.http.HttpContent;
import com.google.api.client.http.HttpExecuteInterceptor;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.Label;
import com.google.api.services.gmail.model.ListHistoryResponse;
import com.google.api.services.gmail.model.ListMessagesResponse;
import com.google.api.services.gmail.model.Profile;
import com.google.api.services.people.v1.PeopleService;
import com.google.api.services.people.v1.model.ListConnectionsResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import theo.auth.GoogleApiAccess;
import theo.gmail.GmailMappers.MessageRow;
import theo.platform.GoogleEndpoints;

/**
 * Gmail and People for one user through Google's Java clients, with Theo's retries (see {@link
 * GmailRetry}) and quota pacing (see {@link GmailQuota}) around every call, batch parts included.
 */
@Component
class GmailClient {
  static final int LIST_PAGE_SIZE = 500;
  static final int HISTORY_PAGE_SIZE = 500;
  static final int CONNECT_TIMEOUT_MS = 10_000;
  static final int READ_TIMEOUT_MS = 60_000;
  static final String PERSON_FIELDS = "names,emailAddresses,phoneNumbers,organizations";

  private final GoogleApiAccess access;
  private final GoogleEndpoints endpoints;
  private final GmailQuota quota;

  GmailClient(GoogleApiAccess access, GoogleEndpoints endpoints, GmailQuota quota) {
    this.access = access;
    this.endpoints = endpoints;
    this.quota = quota;
  }

  /** The user's mailbox as Theo calls it. */
  Mailbox mailbox(UUID userId) {
    HttpRequestInitializer initializer = new CachedAuthorization(access.requestInitializer(userId));
    Gmail gmail =
        new Gmail.Builder(access.transport(), GsonFactory.getDefaultInstance(), initializer)
            .setRootUrl(endpoints.gmailRootUrl())
            .setApplicationName("Theo")
            .build();
    PeopleService people =
        new PeopleService.Builder(access.transport(), GsonFactory.getDefaultInstance(), initializer)
            .setRootUrl(endpoints.peopleRootUrl())
            .setApplicationName("Theo")
            .build();
    return new Mailbox(userId, gmail, people, initializer);
  }

  int maxBatchParts() {
    return quota.maxBatchParts();
  }

  /** One user's Gmail and contacts. */
  final class Mailbox {
    private final UUID userId;
    private final Gmail gmail;
    private final PeopleService people;
    private final HttpRequestInitializer initializer;
    private final MessageRowParser rows;

    private Mailbox(
        UUID userId, Gmail gmail, PeopleService people, HttpRequestInitializer initializer) {
      this.userId = userId;
      this.gmail = gmail;
      this.people = people;
      this.initializer = initializer;
      this.rows = new MessageRowParser(gmail.getObjectParser());
    }

    Profile profile() {
      return call(GmailQuota.PROFILE_UNITS, () -> gmail.users().getProfile("me"));
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
    ListMessagesResponse listMessages(String pageToken, Instant receivedAfter) {
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
     * @throws GmailApiException with status 404 when Google no longer has that history
     */
    ListHistoryResponse history(long startHistoryId, String pageToken) {
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

    ListConnectionsResponse connections(String pageToken) {
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
     * (only those parts).
     */
    Map<String, MessageRow> messages(List<String> ids) {
      Map<String, MessageRow> found = new LinkedHashMap<>();
      List<String> pending = ids;
      for (int attempt = 1; !pending.isEmpty(); attempt++) {
        BatchOutcome outcome = batchOnce(pending);
        found.putAll(outcome.found);
        pending = outcome.retry;
        if (!pending.isEmpty()) {
          if (attempt >= GmailRetry.MAX_ATTEMPTS) {
            throw new GmailApiException(
                outcome.lastStatus, "retriesExhausted", "Batch parts kept failing", null);
          }
          GmailRetry.sleep(GmailRetry.delayMillis(attempt, outcome.retryAfterMillis));
        }
      }
      return found;
    }

    private BatchOutcome batchOnce(List<String> ids) {
      BatchOutcome outcome = new BatchOutcome();
      try (GmailQuota.Reservation ignored =
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
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GmailApiException(0, "interrupted", "Interrupted", e);
      } catch (IOException e) {
        // The whole batch failed (server error, lost connection): retry all its parts.
        GmailApiException failure = failure(e);
        if (!GmailRetry.retryable(failure.status(), failure.reason())) {
          throw failure;
        }
        outcome.found.clear();
        outcome.retry.clear();
        outcome.retry.addAll(ids);
        outcome.lastStatus = failure.status();
        outcome.retryAfterMillis = retryAfter(e);
      }
      return outcome;
    }

    private void initializeBatch(HttpRequest request) throws IOException {
      initializer.initialize(request);
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
      for (int attempt = 1; ; attempt++) {
        try (GmailQuota.Reservation ignored =
            units == 0 ? () -> {} : quota.reserve(userId, units)) {
          return request.create().execute();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new GmailApiException(0, "interrupted", "Interrupted", e);
        } catch (IOException e) {
          GmailApiException failure = failure(e);
          if (!GmailRetry.retryable(failure.status(), failure.reason())
              || attempt >= GmailRetry.MAX_ATTEMPTS) {
            throw failure;
          }
          GmailRetry.sleep(GmailRetry.delayMillis(attempt, retryAfter(e)));
        }
      }
    }
  }

  private static GmailApiException failure(IOException e) {
    if (e instanceof GoogleJsonResponseException response) {
      GoogleJsonError details = response.getDetails();
      String reason =
          details != null && details.getErrors() != null && !details.getErrors().isEmpty()
              ? details.getErrors().get(0).getReason()
              : null;
      String message = details != null ? details.getMessage() : response.getStatusMessage();
      return new GmailApiException(response.getStatusCode(), reason, message, e);
    }
    if (e instanceof com.google.api.client.http.HttpResponseException response) {
      return new GmailApiException(response.getStatusCode(), null, response.getStatusMessage(), e);
    }
    return new GmailApiException(0, "ioError", e.getClass().getSimpleName(), e);
  }

  private static long retryAfter(IOException e) {
    if (e instanceof com.google.api.client.http.HttpResponseException response
        && response.getHeaders() != null) {
      return GmailRetry.retryAfterMillis(
          response.getHeaders().getFirstHeaderStringValue("Retry-After"));
    }
    return 0;
  }

  /**
   * Reuses the authorization the auth module put on a request for a few seconds: a batch of 100
   * parts would otherwise look the token up 101 times. The auth module hands out tokens valid for
   * at least a minute, so a header younger than {@link #REUSE_MILLIS} is still valid.
   */
  private static final class CachedAuthorization implements HttpRequestInitializer {
    private static final long REUSE_MILLIS = 20_000;

    private final HttpRequestInitializer delegate;
    private String authorization;
    private long fetchedAt;

    CachedAuthorization(HttpRequestInitializer delegate) {
      this.delegate = delegate;
    }

    @Override
    public void initialize(HttpRequest request) throws IOException {
      String cached;
      synchronized (this) {
        cached = System.nanoTime() / 1_000_000 - fetchedAt < REUSE_MILLIS ? authorization : null;
      }
      if (cached == null) {
        delegate.initialize(request);
        synchronized (this) {
          authorization = request.getHeaders().getAuthorization();
          fetchedAt = System.nanoTime() / 1_000_000;
        }
        return;
      }
      request.setConnectTimeout(CONNECT_TIMEOUT_MS);
      request.setReadTimeout(READ_TIMEOUT_MS);
      request.getHeaders().setAuthorization(cached);
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
    private byte[] bytes;

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
    final List<String> retry = new ArrayList<>();
    int lastStatus;
    long retryAfterMillis;

    void failed(String id, GoogleJsonError error, HttpHeaders headers) {
      int status = error.getCode();
      String reason =
          error.getErrors() != null && !error.getErrors().isEmpty()
              ? error.getErrors().get(0).getReason()
              : null;
      if (status == 404) {
        return; // deleted since it was listed
      }
      if (!GmailRetry.retryable(status, reason)) {
        throw new GmailApiException(status, reason, error.getMessage(), null);
      }
      retry.add(id);
      lastStatus = status;
      retryAfterMillis =
          Math.max(
              retryAfterMillis,
              GmailRetry.retryAfterMillis(
                  headers == null ? null : headers.getFirstHeaderStringValue("Retry-After")));
    }
  }
}

package theo.google;

import com.google.api.client.googleapis.services.AbstractGoogleClient;
import com.google.api.client.googleapis.services.AbstractGoogleClientRequest;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.people.v1.PeopleService;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import theo.platform.GoogleEndpoints;

/**
 * Every Google client Theo uses, built in one place (root URLs from {@link GoogleEndpoints}, one
 * application name, timeouts, a person's token on every request with one refresh on a 401), and the
 * one way their requests run: {@link #execute} with the {@link GoogleRetry} policy and failures
 * classified as {@link GoogleException}s.
 */
@Component
public class GoogleApis {
  public static final String GMAIL = "Gmail";
  public static final String CALENDAR = "Google Calendar";
  public static final String CONTACTS = "Google Contacts";
  public static final String ACCOUNTS = "Google sign-in";

  static final GoogleApi GMAIL_API = new GoogleApi("gmail", GMAIL, "https://gmail.googleapis.com/");
  static final GoogleApi PEOPLE_API =
      new GoogleApi("people", CONTACTS, "https://people.googleapis.com/");
  static final GoogleApi CALENDAR_API =
      new GoogleApi("calendar", CALENDAR, "https://www.googleapis.com/");

  static final String APPLICATION_NAME = "Theo";
  static final int CONNECT_TIMEOUT_MS = 10_000;
  static final int READ_TIMEOUT_MS = 60_000;

  private static final Set<String> READS = Set.of("GET", "HEAD");

  private final HttpTransport transport = new NetHttpTransport();
  private final GoogleEndpoints endpoints;
  private final ObjectProvider<GoogleTokens> tokens;
  private final GoogleRetry retry;
  private final Clock clock;
  private final Map<Class<?>, String> services = new ConcurrentHashMap<>();

  /**
   * The tokens are looked up lazily: auth implements {@link GoogleTokens} and itself calls Google's
   * token endpoint through this component.
   */
  GoogleApis(
      GoogleEndpoints endpoints,
      ObjectProvider<GoogleTokens> tokens,
      GoogleRetry retry,
      Clock clock) {
    this.endpoints = endpoints;
    this.tokens = tokens;
    this.retry = retry;
    this.clock = clock;
  }

  /** The person's Gmail. Clients of one person built together share one token. */
  public Gmail gmail(UUID userId) {
    return gmail(authorization(userId));
  }

  /** The person's Gmail and contacts, sharing one authorization. */
  public Mailbox mailbox(UUID userId) {
    HttpRequestInitializer authorization = authorization(userId);
    return new Mailbox(gmail(authorization), people(authorization), authorization);
  }

  public Calendar calendar(UUID userId) {
    return client(
        authorization(userId), CALENDAR_API, Calendar.Builder::new, Calendar.Builder::build);
  }

  /**
   * A client of one of Google's generated Java libraries for the person, built like every other
   * (root URL from {@link GoogleEndpoints#rootUrl}, application name, timeouts, token): how an
   * integration module uses an API Theo's other modules don't know, e.g. {@code apis.client(userId,
   * DRIVE, Drive.Builder::new, Drive.Builder::build)}. Its requests then go through {@link
   * #execute} with failures named after {@code api.service()}.
   */
  public <B extends AbstractGoogleClient.Builder, C extends AbstractGoogleClient> C client(
      UUID userId, GoogleApi api, BuilderFactory<B> factory, Function<B, C> build) {
    return client(authorization(userId), api, factory, build);
  }

  /** The constructor of a generated client's builder, e.g. {@code Drive.Builder::new}. */
  @FunctionalInterface
  public interface BuilderFactory<B extends AbstractGoogleClient.Builder> {
    B create(HttpTransport transport, JsonFactory json, HttpRequestInitializer authorization);
  }

  private <B extends AbstractGoogleClient.Builder, C extends AbstractGoogleClient> C client(
      HttpRequestInitializer authorization,
      GoogleApi api,
      BuilderFactory<B> factory,
      Function<B, C> build) {
    B builder = factory.create(transport, GsonFactory.getDefaultInstance(), authorization);
    builder.setRootUrl(endpoints.rootUrl(api.key(), api.googleRootUrl()));
    builder.setApplicationName(APPLICATION_NAME);
    C client = build.apply(builder);
    services.putIfAbsent(client.getClass(), api.service());
    return client;
  }

  /**
   * Builds and executes a request of a client built here, under the retry policy (a request that
   * changes something only as {@link GoogleRetry#runChange} allows). (Google's generated request
   * builders declare {@code IOException}, hence a builder rather than a request.)
   *
   * @throws GoogleException when it fails for good
   */
  public <T> T execute(Request<T> builder) {
    AbstractGoogleClientRequest<T> request = GoogleRetry.once("Google", builder::build);
    String service = serviceOf(request.getAbstractGoogleClient());
    String method = methodOf(request);
    return READS.contains(request.getRequestMethod())
        ? retry.run(service, method, request::execute)
        : retry.runChange(service, method, request::execute);
  }

  /**
   * A request's method as metrics and traces name it, from its generated class: {@code
   * Gmail.Users.Messages.List} is {@code users.messages.list}.
   */
  public static String methodOf(AbstractGoogleClientRequest<?> request) {
    String name = request.getClass().getName();
    String nested = name.substring(name.lastIndexOf('.') + 1);
    int client = nested.indexOf('$');
    return (client < 0 ? nested : nested.substring(client + 1))
        .replace('$', '.')
        .toLowerCase(java.util.Locale.ROOT);
  }

  /** A request of one of Google's Java clients, not yet sent. */
  @FunctionalInterface
  public interface Request<T> {
    AbstractGoogleClientRequest<T> build() throws IOException;
  }

  /**
   * Runs a call that does more than execute one request (waits for quota first, sends a batch),
   * under the retry policy; every attempt runs the whole of {@code attempt}.
   */
  public <T> T call(String service, GoogleRetry.Attempt<T> attempt) {
    return retry.run(service, attempt);
  }

  /** Like {@link #call(String, GoogleRetry.Attempt)}, the call's method named in metrics. */
  public <T> T call(String service, String method, GoogleRetry.Attempt<T> attempt) {
    return retry.run(service, method, attempt);
  }

  /** Runs a call once, its failure classified, for calls another loop already retries. */
  public <T> T callOnce(String service, GoogleRetry.Attempt<T> attempt) {
    return retry.runOnce(service, "call", attempt);
  }

  /** Like {@link #callOnce(String, GoogleRetry.Attempt)}, the call's method named in metrics. */
  public <T> T callOnce(String service, String method, GoogleRetry.Attempt<T> attempt) {
    return retry.runOnce(service, method, attempt);
  }

  /** The shared transport, for calls outside Google's API clients (OAuth endpoints). */
  public HttpTransport transport() {
    return transport;
  }

  /** An initializer for calls made without a person's token: timeouts only. */
  public HttpRequestInitializer anonymous() {
    return GoogleApis::timeouts;
  }

  static void timeouts(HttpRequest request) {
    request.setConnectTimeout(CONNECT_TIMEOUT_MS);
    request.setReadTimeout(READ_TIMEOUT_MS);
  }

  private HttpRequestInitializer authorization(UUID userId) {
    return new UserAuthorization(userId, tokens.getObject(), clock::millis);
  }

  private Gmail gmail(HttpRequestInitializer authorization) {
    return client(authorization, GMAIL_API, Gmail.Builder::new, Gmail.Builder::build);
  }

  private PeopleService people(HttpRequestInitializer authorization) {
    return client(
        authorization, PEOPLE_API, PeopleService.Builder::new, PeopleService.Builder::build);
  }

  private String serviceOf(AbstractGoogleClient client) {
    return services.getOrDefault(client.getClass(), "Google");
  }

  /**
   * One person's Gmail and People clients and their authorization, which a batch request needs too.
   */
  public record Mailbox(Gmail gmail, PeopleService people, HttpRequestInitializer authorization) {}
}

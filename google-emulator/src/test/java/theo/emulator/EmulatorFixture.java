package theo.emulator;

import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.drive.Drive;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.people.v1.PeopleService;
import com.google.gson.Gson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running emulator for API surface tests, with a fake token verifier (the OAuth surface is not
 * needed to mint test tokens), Google's own clients, and a small admin API client.
 */
public final class EmulatorFixture implements AutoCloseable {
  public static final String GMAIL_READONLY = "https://www.googleapis.com/auth/gmail.readonly";
  public static final String GMAIL_METADATA = "https://www.googleapis.com/auth/gmail.metadata";
  public static final String CONTACTS_READONLY =
      "https://www.googleapis.com/auth/contacts.readonly";

  private final GoogleEmulator emulator;
  private final Map<String, AccessGrant> grants = new ConcurrentHashMap<>();
  private final AtomicInteger tokens = new AtomicInteger();
  private final HttpClient http = HttpClient.newHttpClient();
  private final NetHttpTransport transport = new NetHttpTransport();

  public EmulatorFixture() {
    emulator = GoogleEmulator.start(EmulatorOptions.defaults());
    emulator.context().tokenVerifier(token -> Optional.ofNullable(grants.get(token)));
  }

  public GoogleEmulator emulator() {
    return emulator;
  }

  /** A bearer token the emulator accepts for this account and these scopes. */
  public String token(String email, String... scopes) {
    Account account = emulator.accounts().find(email).orElseThrow();
    String token = "test-token-" + tokens.incrementAndGet();
    grants.put(
        token,
        new AccessGrant(
            account,
            EmulatorOptions.DEFAULT_CLIENT_ID,
            Set.copyOf(Arrays.asList(scopes)),
            Instant.now().plusSeconds(3600)));
    return token;
  }

  public HttpRequestInitializer bearer(String token) {
    return request -> request.getHeaders().setAuthorization("Bearer " + token);
  }

  public Gmail gmail(String token) {
    return new Gmail.Builder(transport, GsonFactory.getDefaultInstance(), bearer(token))
        .setRootUrl(emulator.baseUrl() + "/")
        .setApplicationName("theo-tests")
        .build();
  }

  public Drive drive(String token) {
    return new Drive.Builder(transport, GsonFactory.getDefaultInstance(), bearer(token))
        .setRootUrl(emulator.baseUrl() + "/")
        .setApplicationName("theo-tests")
        .build();
  }

  public PeopleService people(String token) {
    return new PeopleService.Builder(transport, GsonFactory.getDefaultInstance(), bearer(token))
        .setRootUrl(emulator.baseUrl() + "/")
        .setApplicationName("theo-tests")
        .build();
  }

  /** Calls the admin API (or any path) with an optional JSON body; answers status and body. */
  public Answer call(String method, String path, Object body, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(new Gson().toJson(body)))
            .header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Answer admin(String method, String path, Object body) {
    return call(method, path, body, null);
  }

  @Override
  public void close() {
    emulator.close();
  }

  /** An HTTP answer: status and body text, with the body parsed as a JSON object on demand. */
  public record Answer(int status, String body) {
    @SuppressWarnings("unchecked")
    public Map<String, Object> json() {
      return new Gson().fromJson(body, Map.class);
    }
  }
}

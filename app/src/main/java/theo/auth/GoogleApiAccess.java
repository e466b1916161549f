package theo.auth;

import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What an integration needs to call a Google API with Google's Java clients for one user: a shared
 * transport and a request initializer that puts a valid (refreshed when needed) access token on
 * every request and sets timeouts.
 */
@Component
public class GoogleApiAccess {
  static final int CONNECT_TIMEOUT_MS = 10_000;
  static final int READ_TIMEOUT_MS = 60_000;

  private final GoogleAccounts accounts;
  private final HttpTransport transport = new NetHttpTransport();

  GoogleApiAccess(GoogleAccounts accounts) {
    this.accounts = accounts;
  }

  public HttpTransport transport() {
    return transport;
  }

  /**
   * Authorizes each request as the user. The client's own retries are left to the caller, which
   * knows Google's quota answers; see the integrations' clients.
   */
  public HttpRequestInitializer requestInitializer(UUID userId) {
    return request -> {
      request.setConnectTimeout(CONNECT_TIMEOUT_MS);
      request.setReadTimeout(READ_TIMEOUT_MS);
      request.getHeaders().setAuthorization("Bearer " + accounts.validAccessToken(userId).value());
    };
  }
}

package theo.emulator.http;

/**
 * Thrown by a handler to answer with an error; the router renders it as the given response
 * (Google's API error JSON, OAuth error JSON, or anything else).
 */
public class ApiException extends RuntimeException {
  private final transient Response response;

  public ApiException(Response response) {
    super("HTTP " + response.status());
    this.response = response;
  }

  public Response response() {
    return response;
  }
}

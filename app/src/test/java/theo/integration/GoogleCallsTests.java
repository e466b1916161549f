package theo.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import theo.platform.RefusedException;

class GoogleCallsTests {

  @Test
  void callWhenGoogleAnswersThenIntegrationErrorsKeepWhatThePersonCanActOn() {
    assertMapped(google(400, null, "Invalid attendee"), HttpStatus.BAD_REQUEST, "GOOGLE_REJECTED");
    assertMapped(google(404, null, "Not Found"), HttpStatus.NOT_FOUND, "NOT_FOUND");
    assertMapped(
        google(409, "duplicate", "Already exists"), HttpStatus.CONFLICT, "GOOGLE_CONFLICT");
    assertMapped(google(410, "deleted", "Deleted"), HttpStatus.NOT_FOUND, "NOT_FOUND");
    assertMapped(
        google(429, "rateLimitExceeded", "Slow down"),
        HttpStatus.TOO_MANY_REQUESTS,
        "GOOGLE_RATE_LIMITED");
    assertMapped(
        google(403, "userRateLimitExceeded", "Slow down"),
        HttpStatus.TOO_MANY_REQUESTS,
        "GOOGLE_RATE_LIMITED");
    assertMapped(google(403, "forbidden", "No access"), HttpStatus.BAD_GATEWAY, "GOOGLE_ERROR");
    assertMapped(google(500, "backendError", "Oops"), HttpStatus.BAD_GATEWAY, "GOOGLE_ERROR");
  }

  @Test
  void callWhenGoogleAnswersThenItsMessageIsShown() {
    assertThatThrownBy(() -> GoogleCalls.call("Gmail", throwing(google(400, null, "Bad To"))))
        .hasMessage("Bad To");
  }

  @Test
  void callWhenNetworkFailsThenUnavailableNamingTheService() {
    assertThatThrownBy(() -> GoogleCalls.call("Gmail", throwing(new SocketTimeoutException())))
        .isInstanceOfSatisfying(
            RefusedException.class,
            e -> {
              assertThat(ApiErrorAdvice.statusOf(e)).isEqualTo(HttpStatus.BAD_GATEWAY);
              assertThat(e.code()).isEqualTo("GOOGLE_UNAVAILABLE");
              assertThat(e.getMessage()).isEqualTo("Gmail could not be reached");
            });
  }

  @Test
  void callWhenItSucceedsThenItsResult() {
    assertThat(GoogleCalls.call("Gmail", () -> "draft-1")).isEqualTo("draft-1");
  }

  private static void assertMapped(IOException google, HttpStatus status, String code) {
    assertThatThrownBy(() -> GoogleCalls.call("Google Calendar", throwing(google)))
        .isInstanceOfSatisfying(
            RefusedException.class,
            e -> {
              assertThat(ApiErrorAdvice.statusOf(e)).isEqualTo(status);
              assertThat(e.code()).isEqualTo(code);
            });
  }

  private static GoogleCalls.Call<String> throwing(IOException e) {
    return () -> {
      throw e;
    };
  }

  private static GoogleJsonResponseException google(int status, String reason, String message) {
    GoogleJsonError details = new GoogleJsonError();
    details.setCode(status);
    details.setMessage(message);
    if (reason != null) {
      GoogleJsonError.ErrorInfo info = new GoogleJsonError.ErrorInfo();
      info.setReason(reason);
      details.setErrors(List.of(info));
    }
    return new GoogleJsonResponseException(
        new HttpResponseException.Builder(status, null, new HttpHeaders()), details);
  }
}

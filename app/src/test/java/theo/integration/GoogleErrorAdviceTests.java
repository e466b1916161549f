package theo.integration;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import theo.google.GoogleAuthException;
import theo.google.GoogleFailures;

/** Each class of Google failure answers its status, code and plain words. */
class GoogleErrorAdviceTests {
  private final MockMvc mvc =
      MockMvcBuilders.standaloneSetup(new GoogleProbe())
          .setControllerAdvice(new ApiErrorAdvice())
          .build();

  @Test
  void googleFailureWhenQuotaThen429WithGooglesWait() throws Exception {
    answer(429, "rateLimitExceeded")
        .andExpect(status().isTooManyRequests())
        .andExpect(header().string("Retry-After", "7"))
        .andExpect(jsonPath("$.error.code").value("GOOGLE_RATE_LIMITED"));
  }

  @Test
  void googleFailureWhenEachClassThenItsStatusAndCode() throws Exception {
    answer(404, "notFound").andExpect(status().isNotFound()).andExpect(code("NOT_FOUND"));
    answer(410, "deleted").andExpect(status().isNotFound()).andExpect(code("NOT_FOUND"));
    answer(400, "invalid").andExpect(status().isBadRequest()).andExpect(code("GOOGLE_REJECTED"));
    answer(409, "duplicate").andExpect(status().isConflict()).andExpect(code("GOOGLE_CONFLICT"));
    answer(403, "insufficientPermissions")
        .andExpect(status().isForbidden())
        .andExpect(code("INSUFFICIENT_SCOPE"));
    answer(403, "forbidden").andExpect(status().isBadGateway()).andExpect(code("GOOGLE_ERROR"));
    answer(503, "backendError")
        .andExpect(status().isBadGateway())
        .andExpect(code("GOOGLE_UNAVAILABLE"));
    mvc.perform(get("/api/google-probe/reconnect"))
        .andExpect(status().isConflict())
        .andExpect(code("RECONNECT_REQUIRED"))
        .andExpect(plainWords());
  }

  private ResultActions answer(int status, String reason) throws Exception {
    return mvc.perform(
            get("/api/google-probe")
                .param("status", Integer.toString(status))
                .param("reason", reason))
        .andExpect(plainWords());
  }

  private static org.springframework.test.web.servlet.ResultMatcher code(String code) {
    return jsonPath("$.error.code").value(code);
  }

  private static org.springframework.test.web.servlet.ResultMatcher plainWords() {
    return jsonPath(
        "$.error.message",
        Matchers.allOf(
            Matchers.not(Matchers.containsStringIgnoringCase("http")),
            Matchers.not(Matchers.containsString("127.0.0.1")),
            Matchers.not(Matchers.containsString("{")),
            Matchers.not(Matchers.containsString("Google's own words"))));
  }

  @RestController
  static class GoogleProbe {
    @GetMapping("/api/google-probe")
    String probe(@RequestParam int status, @RequestParam String reason) {
      GoogleJsonError details = new GoogleJsonError();
      details.setCode(status);
      details.setMessage("Google's own words at http://127.0.0.1:8090/gmail {\"x\":1}");
      GoogleJsonError.ErrorInfo info = new GoogleJsonError.ErrorInfo();
      info.setReason(reason);
      details.setErrors(List.of(info));
      HttpHeaders headers = new HttpHeaders();
      headers.set("Retry-After", List.of("7"));
      throw GoogleFailures.classify(
          "Gmail",
          new GoogleJsonResponseException(
              new HttpResponseException.Builder(status, "status", headers), details));
    }

    @GetMapping("/api/google-probe/reconnect")
    String reconnect() {
      throw GoogleAuthException.reconnectRequired();
    }
  }
}

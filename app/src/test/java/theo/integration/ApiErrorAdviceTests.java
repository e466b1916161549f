package theo.integration;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import theo.platform.ConflictException;
import theo.platform.NotConnectedException;
import theo.platform.RateLimitExceededException;

class ApiErrorAdviceTests {
  private final MockMvc mvc =
      MockMvcBuilders.standaloneSetup(new ProbeController())
          .setControllerAdvice(new ApiErrorAdvice())
          .build();

  @Test
  void postWhenJsonMalformedThen400Json() throws Exception {
    mvc.perform(post("/api/probe").contentType(MediaType.APPLICATION_JSON).content("{\"name\":"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error.code").value("BAD_REQUEST"));
  }

  @Test
  void postWhenBodyInvalidThen400ValidationJson() throws Exception {
    mvc.perform(
            post("/api/probe").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error.code").value("VALIDATION_FAILED"));
  }

  @Test
  void postWhenNotJsonThen415Json() throws Exception {
    mvc.perform(post("/api/probe").contentType(MediaType.TEXT_PLAIN).content("hello"))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(jsonPath("$.error.code").value("UNSUPPORTED_MEDIA_TYPE"));
  }

  @Test
  void getWhenParameterHasWrongTypeThen400Json() throws Exception {
    mvc.perform(get("/api/probe").param("count", "many"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error.code").value("BAD_REQUEST"));
  }

  @Test
  void deleteWhenMethodNotMappedThen405JsonWithAllow() throws Exception {
    mvc.perform(
            org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete(
                "/api/probe"))
        .andExpect(status().isMethodNotAllowed())
        .andExpect(header().exists("Allow"))
        .andExpect(jsonPath("$.error.code").value("METHOD_NOT_ALLOWED"));
  }

  @Test
  void getWhenApiPathUnknownThen404Json() throws Exception {
    mvc.perform(get("/api/nothing-here"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error.code").value("NOT_FOUND"));
  }

  @Test
  void getWhenConflictRefusedThen409WithItsCode() throws Exception {
    mvc.perform(get("/api/probe/conflict"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.error.code").value("PROBE_CONFLICT"))
        .andExpect(jsonPath("$.error.message").value("Already there"));
  }

  @Test
  void getWhenNotConnectedThen409NotConnected() throws Exception {
    mvc.perform(get("/api/probe/not-connected"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.error.code").value("NOT_CONNECTED"));
  }

  @Test
  void getWhenRateLimitSpentThen429WithRetryAfterAndTheWaitInTheBody() throws Exception {
    mvc.perform(get("/api/probe/limited"))
        .andExpect(status().isTooManyRequests())
        .andExpect(header().string("Retry-After", "2"))
        .andExpect(header().string("Content-Type", "application/json;charset=UTF-8"))
        .andExpect(
            content()
                .string(
                    "{\"error\":{\"code\":\"RATE_LIMIT_EXCEEDED\",\"message\":\"Too many requests\","
                        + "\"retryAfterMs\":1500,\"resetAt\":\"2026-01-01T10:01:00Z\"}}"));
  }

  @RestController
  static class ProbeController {
    @GetMapping("/api/probe/limited")
    void limited() {
      throw new RateLimitExceededException(
          "Too many requests", Duration.ofMillis(1500), Instant.parse("2026-01-01T10:01:00Z"));
    }

    @GetMapping("/api/probe/not-connected")
    void notConnected() {
      throw new NotConnectedException("Connect it first");
    }

    record Probe(@NotBlank String name) {}

    @PostMapping("/api/probe")
    Probe create(@Valid @RequestBody Probe probe) {
      return probe;
    }

    @GetMapping("/api/probe")
    int count(@RequestParam int count) {
      return count;
    }

    @GetMapping("/api/probe/conflict")
    void conflict() {
      throw new ConflictException("PROBE_CONFLICT", "Already there");
    }
  }
}

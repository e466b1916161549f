package theo.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import theo.platform.RateLimitExceededException;

class RateLimitInterceptorTests {
  private final InMemoryRateLimiterTests.MovableClock clock =
      new InMemoryRateLimiterTests.MovableClock(Instant.parse("2026-01-01T10:00:00Z"));
  private MockMvc mvc;

  @BeforeEach
  void setUp() {
    RateLimits limits =
        new RateLimits(
            new RateLimitProperties(
                Map.of("calendarConnect", new RateLimitProperties.Override(2L, null)), null));
    mvc =
        MockMvcBuilders.standaloneSetup(new ProbeController())
            .addInterceptors(new RateLimitInterceptor(limits, new InMemoryRateLimiter(clock)))
            .build();
    signIn("alice");
  }

  @AfterEach
  void tearDown() {
    SecurityContextHolder.clearContext();
  }

  @Test
  void preHandleWhenTemplateNamesIntegrationThenAppliesItsLimit() throws Exception {
    for (int i = 0; i < 5; i++) {
      mvc.perform(get("/probe/gmail/connect"))
          .andExpect(status().isOk())
          .andExpect(header().string("X-RateLimit-Remaining", Integer.toString(4 - i)));
    }
    Throwable refused = catchThrowable(() -> mvc.perform(get("/probe/gmail/connect")));

    assertThat(refused).rootCause().isInstanceOf(RateLimitExceededException.class);
    RateLimitExceededException limit = (RateLimitExceededException) rootCause(refused);
    assertThat(limit.code()).isEqualTo("RATE_LIMIT_EXCEEDED");
    assertThat(limit.retryAfter()).isEqualTo(Duration.ofSeconds(60));
    assertThat(limit.resetAt()).isEqualTo(Instant.parse("2026-01-01T10:01:00Z"));
    assertThat(limit.getMessage())
        .isEqualTo("Too many requests (limit gmailConnect: 5 per 60 s). Try again in 60 s.");
  }

  private static Throwable rootCause(Throwable thrown) {
    Throwable cause = thrown;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  @Test
  void preHandleWhenConfiguredOverrideThenUsesIt() throws Exception {
    mvc.perform(get("/probe/calendar/connect")).andExpect(status().isOk());
    mvc.perform(get("/probe/calendar/connect")).andExpect(status().isOk());
    assertThat(catchThrowable(() -> mvc.perform(get("/probe/calendar/connect"))))
        .rootCause()
        .isInstanceOf(RateLimitExceededException.class);
  }

  @Test
  void preHandleWhenAnotherUserThenOwnAllowance() throws Exception {
    for (int i = 0; i < 2; i++) {
      mvc.perform(get("/probe/calendar/connect")).andExpect(status().isOk());
    }
    signIn("bob");
    mvc.perform(get("/probe/calendar/connect")).andExpect(status().isOk());
  }

  @Test
  void preHandleWhenUnknownIntegrationThenLeavesAnswerToHandler() throws Exception {
    for (int i = 0; i < 10; i++) {
      mvc.perform(get("/probe/nothing/connect")).andExpect(status().isOk());
    }
    assertThat(RateLimits.DEFAULTS).noneMatch(limit -> limit.name().equals("nothingConnect"));
  }

  private static void signIn(String user) {
    SecurityContextHolder.getContext()
        .setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(
                user, null, AuthorityUtils.createAuthorityList("ROLE_USER")));
  }

  @RestController
  static class ProbeController {
    @GetMapping("/probe/{integration}/connect")
    @RateLimited("{integration}Connect")
    String connect(@PathVariable String integration) {
      return integration;
    }
  }
}

package theo.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import theo.platform.RateLimitExceededException;

/**
 * Enforces {@link RateLimited} before the handler runs: reports the allowance in {@code
 * X-RateLimit-*} headers and, when the user's allowance is spent, refuses with {@link
 * RateLimitExceededException} (which the error advice answers with 429).
 */
class RateLimitInterceptor implements HandlerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(RateLimitInterceptor.class);
  private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

  private final RateLimits limits;
  private final RateLimiter limiter;
  private final MeterRegistry meters;

  RateLimitInterceptor(RateLimits limits, RateLimiter limiter) {
    this(limits, limiter, new SimpleMeterRegistry());
  }

  /** Counts every refusal in {@code theo.rate-limit.refusals}, tagged by the limit's name. */
  RateLimitInterceptor(RateLimits limits, RateLimiter limiter, MeterRegistry meters) {
    this.limits = limits;
    this.limiter = limiter;
    this.meters = meters;
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!(handler instanceof HandlerMethod method)) {
      return true;
    }
    RateLimited annotation = method.getMethodAnnotation(RateLimited.class);
    if (annotation == null) {
      return true;
    }
    String name = resolve(annotation.value(), request);
    RateLimit limit = limits.find(name).orElse(null);
    if (limit == null) {
      // A template naming an unknown integration: the handler answers 404 for it.
      if (annotation.value().equals(name)) {
        log.error("No rate limit named {} for {}", name, request.getRequestURI());
      }
      return true;
    }
    Decision decision = limiter.tryConsume(limit, keyOf(request));
    response.setHeader("X-RateLimit-Limit", Long.toString(limit.requests()));
    response.setHeader("X-RateLimit-Remaining", Long.toString(decision.remaining()));
    response.setHeader("X-RateLimit-Reset", Long.toString(decision.resetAt().getEpochSecond()));
    if (decision.allowed()) {
      return true;
    }
    meters.counter("theo.rate-limit.refusals", "limit", limit.name()).increment();
    Duration retryAfter = Duration.ofMillis(Math.max(1, decision.retryAfter().toMillis()));
    throw new RateLimitExceededException(
        "Too many requests (limit "
            + limit.name()
            + ": "
            + limit.requests()
            + " per "
            + limit.window().toSeconds()
            + " s). Try again in "
            + (retryAfter.toMillis() + 999) / 1000
            + " s.",
        retryAfter,
        decision.resetAt());
  }

  @SuppressWarnings("unchecked")
  private static String resolve(String template, HttpServletRequest request) {
    if (template.indexOf('{') < 0) {
      return template;
    }
    Object attribute = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    Map<String, String> variables =
        attribute instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of();
    Matcher matcher = VARIABLE.matcher(template);
    StringBuilder name = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(
          name, Matcher.quoteReplacement(variables.getOrDefault(matcher.group(1), "")));
    }
    matcher.appendTail(name);
    return name.toString();
  }

  private static String keyOf(HttpServletRequest request) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null
        && authentication.isAuthenticated()
        && !(authentication instanceof AnonymousAuthenticationToken)) {
      return "user:" + authentication.getName();
    }
    return "ip:" + request.getRemoteAddr();
  }
}

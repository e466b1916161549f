package theo.ratelimit;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wires the limit registry, the in-memory backend and the MVC interceptor. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration implements WebMvcConfigurer {
  private final RateLimits limits;
  private final RateLimiter limiter;

  RateLimitConfiguration(RateLimits limits, RateLimiter limiter) {
    this.limits = limits;
    this.limiter = limiter;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new RateLimitInterceptor(limits, limiter));
  }

  @Configuration(proxyBeanMethods = false)
  static class Backend {
    @Bean
    RateLimiter inMemoryRateLimiter(Clock clock) {
      return new InMemoryRateLimiter(clock);
    }
  }
}

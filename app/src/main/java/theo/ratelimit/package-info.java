/**
 * Named per-user rate limits (the spec's {@code RATE_LIMITS}) and their enforcement on web
 * endpoints: annotate a handler with {@link theo.ratelimit.RateLimited}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Rate limits")
package theo.ratelimit;

package theo.ratelimit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Applies a named limit to a web handler, per signed-in user. The name may use the handler's path
 * variables: {@code @RateLimited("{integration}Connect")} on {@code
 * /api/integrations/{integration}/connect} applies {@code gmailConnect} to Gmail and {@code
 * calendarConnect} to Calendar.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RateLimited {
  String value();
}

package theo;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole app on a random port with a throwaway embedded PostgreSQL and an embedded emulator on a
 * free port. Every test using it shares one cached context, so keep the properties here.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "theo.data-dir=target/theo-test",
      "theo.embedded-postgres.persistent=false",
      "theo.google.emulator.port=0",
      "theo.google.client-id=",
      "theo.google.emulator.demo-data=false",
      // Off in the shared context (a notification would start syncs beside the ones tests drive);
      // the push tests turn it on with @TestPropertySource(properties = "theo.test.push=true").
      "theo.push.enabled=${theo.test.push:false}"
    })
public @interface TheoTest {}

package theo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import theo.platform.OrderlyTermination;

/** The Theo integrations server. */
@SpringBootApplication
public class TheoApplication {

  public static void main(String[] args) {
    SpringApplication application = new SpringApplication(TheoApplication.class);
    OrderlyTermination.install(application);
    application.run(args);
  }
}

package theo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Theo integrations server. */
@SpringBootApplication
public class TheoApplication {

  public static void main(String[] args) {
    SpringApplication.run(TheoApplication.class, args);
  }
}

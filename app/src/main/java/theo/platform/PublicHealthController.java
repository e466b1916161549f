package theo.platform;

import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /actuator/health} on the public port while actuator itself lives on the management port:
 * the overall status only (200 when up, 503 otherwise), as probes and {@code TheoProcess} expect.
 * {@code /livez} and {@code /readyz} are Spring Boot's health groups on their additional paths.
 */
@RestController
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
record PublicHealthController(HealthEndpoint endpoint) {
  @GetMapping(path = "/actuator/health", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<HealthStatus> health() {
    Status status = endpoint.health().getStatus();
    boolean up = Status.UP.equals(status) || Status.UNKNOWN.equals(status);
    return ResponseEntity.status(up ? 200 : 503).body(new HealthStatus(status.getCode()));
  }

  /** The body: {@code {"status":"UP"}}. */
  record HealthStatus(String status) {}
}

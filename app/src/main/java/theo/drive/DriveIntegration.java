package theo.drive;

import java.util.List;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import theo.auth.Scopes;
import theo.integration.spi.DemoRequest;
import theo.integration.spi.Integration;
import theo.integration.spi.IntegrationPages;
import theo.integration.spi.IntegrationPages.Page;
import theo.integration.spi.IntegrationProfile;

/** Google Drive in the shared integration pattern. */
@Component
@EnableConfigurationProperties(DriveProperties.class)
record DriveIntegration(DriveSyncEngine engine, DriveRepository files) implements Integration {
  /**
   * Synced by its engine, no push; the list of synced files, and the folders and "keep text" choice
   * on its settings page.
   */
  @Override
  public IntegrationProfile profile() {
    return IntegrationProfile.of("Drive", Scopes.DRIVE_INTEGRATION)
        .syncedBy(engine)
        .withPages(
            new IntegrationPages(
                List.of(Page.browse("files", "drive/files", "drive.browse")), "drive/settings"))
        .withDemoData(
            new DemoRequest("alice@example.com", "drive/generate", "{\"count\":300,\"seed\":7}"),
            new DemoRequest("bob@example.com", "drive/generate", "{\"count\":80,\"seed\":11}"));
  }

  /** Its files, their text, checkpoints and settings (Drive has no approvals). */
  @Override
  public void deleteUserData(UUID userId) {
    files.deleteAll(userId);
  }
}

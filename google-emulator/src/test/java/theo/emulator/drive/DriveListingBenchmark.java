package theo.emulator.drive;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.drive.Drive;
import com.google.api.services.drive.model.FileList;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import theo.emulator.EmulatorFixture;

/**
 * On demand only ({@code -Dtheo.benchmark=true}): the emulator's cost of generating a drive of
 * 10,000 items and of listing all of it through Google's Drive client in pages of 1,000, the way a
 * full sync reads metadata. Prints the times.
 */
@EnabledIfSystemProperty(named = "theo.benchmark", matches = "true")
class DriveListingBenchmark {
  private static final int FILES = Integer.getInteger("theo.benchmark.files", 10_000);

  @Test
  void generateAndListAGeneratedDrive() throws IOException {
    try (EmulatorFixture fixture = new EmulatorFixture()) {
      long started = System.nanoTime();
      fixture.admin(
          "POST",
          "/emulator/accounts/alice@example.com/drive/generate",
          Map.of("count", FILES, "seed", 7));
      long generated = System.nanoTime() - started;
      Drive drive =
          fixture.drive(
              fixture.token(
                  "alice@example.com", "https://www.googleapis.com/auth/drive.metadata.readonly"));
      for (int pass = 0; pass < 3; pass++) {
        started = System.nanoTime();
        int count = 0;
        int pages = 0;
        String token = null;
        do {
          FileList page =
              drive
                  .files()
                  .list()
                  .setPageSize(1000)
                  .setPageToken(token)
                  .setFields(
                      "nextPageToken,files(id,name,mimeType,parents,modifiedTime,size,webViewLink,trashed)")
                  .execute();
          count += page.getFiles().size();
          pages++;
          token = page.getNextPageToken();
        } while (token != null);
        long listed = System.nanoTime() - started;
        assertThat(count).isEqualTo(FILES);
        System.out.printf(
            "drive: generated %d items in %d ms; listed them in %d pages in %d ms (%.1f ms a page)%n",
            FILES, generated / 1_000_000, pages, listed / 1_000_000, listed / 1e6 / pages);
      }
    }
  }
}

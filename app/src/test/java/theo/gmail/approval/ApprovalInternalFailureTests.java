package theo.gmail.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import theo.GoogleBrowser;
import theo.TheoTest;
import theo.approval.Approvals;
import theo.emulator.GoogleEmulator;
import tools.jackson.databind.JsonNode;

/**
 * An approved action that fails inside Theo (not at Google, not refused) tells the person so in
 * plain words; the exception's own text, which may hold SQL, stays out of what they read.
 */
@TheoTest
class ApprovalInternalFailureTests {
  private static final String INTERNAL_TEXT =
      "PreparedStatementCallback; bad SQL grammar [select body from gmail_messages where id = ?]";

  @LocalServerPort int port;
  @Autowired GoogleEmulator emulator;
  @MockitoSpyBean GmailApprovalExecutor executor;

  @Test
  void approveWhenExecutionFailsInsideTheoThenThePersonReadsPlainWordsAndNoSql() {
    String email = "internal-" + UUID.randomUUID() + "@example.com";
    emulator.accounts().create(email, "Internal Failure");
    GoogleBrowser browser = new GoogleBrowser(port);
    browser.signIn(email);
    browser.connect("gmail", email, Set.of());
    GoogleBrowser.Response requested =
        browser.post(
            "/api/integrations/gmail/approvals",
            "{\"to\":\"someone@example.com\",\"subject\":\"Numbers\",\"body\":\"Hello\"}");
    assertThat(requested.status()).as(requested.body()).isEqualTo(201);
    String id = requested.json().at("/approval/id").asString();
    doThrow(new IllegalStateException(INTERNAL_TEXT)).when(executor).execute(any());

    GoogleBrowser.Response approved =
        browser.post("/api/integrations/gmail/approvals/" + id, "{\"action\":\"approve\"}");

    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    JsonNode approval = approved.json().get("approval");
    assertThat(approval.get("status").asString()).isEqualTo("failed");
    assertThat(approval.get("error").asString()).isEqualTo(Approvals.UNEXPECTED_FAILURE);
    assertThat(approved.body()).doesNotContain("SQL", "select", "PreparedStatement");
    String listed = browser.get("/api/integrations/gmail/approvals/" + id).body();
    assertThat(listed).contains("\"status\":\"failed\"").doesNotContain("SQL", "select");
  }
}

package theo.approval;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What an integration does for its approvals: prepares an action when it is requested (e.g. creates
 * the Gmail draft), executes it once approved (sends the draft, writes the event) and discards what
 * it prepared when the action will never run. Implement it as a bean in the integration's module.
 */
public interface ApprovalExecutor {

  /** The integration id, e.g. {@code gmail}. */
  String integration();

  /**
   * The action types it handles, e.g. {@code email.send}, with their payload and result records.
   */
  List<Action> actions();

  /** The scope capability the actions need ({@code canSend}, {@code canWrite}). */
  String capability();

  /**
   * Called before the approval is stored; answers the id of what it created at Google (a draft), or
   * null, and the payload to store (e.g. with the conflicts added).
   */
  Prepared prepare(UUID userId, ApprovalPayload payload);

  /** Performs the approved action; called at most once per approval. Answers the result. */
  ApprovalResult execute(Approval approval);

  /** Removes what {@link #prepare} created; must tolerate it being gone already. */
  void discard(Approval approval);

  /** The outcome of {@link #prepare}: the external id (or null) and the payload to store. */
  record Prepared(@Nullable String externalId, ApprovalPayload payload) {}

  /**
   * One action type and the records its payload and result are stored as: the type info that turns
   * the stored JSON back into records.
   */
  record Action(
      String type,
      Class<? extends ApprovalPayload> payload,
      Class<? extends ApprovalResult> result) {}
}

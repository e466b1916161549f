package theo.approval;

/**
 * What an approval's executor needs to act, as the integration's own record (never tokens). Each
 * integration declares a sealed family of them, one record per action type, and names the record of
 * each action type in {@link ApprovalExecutor#actions()}; the approvals table stores the record as
 * JSON and reads it back as that record.
 */
public interface ApprovalPayload {}

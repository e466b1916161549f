package theo.approval;

/**
 * What an executed approval did at Google (the sent message, the written event), as the
 * integration's own record; stored as JSON and read back by the action type, like {@link
 * ApprovalPayload}.
 */
public interface ApprovalResult {}

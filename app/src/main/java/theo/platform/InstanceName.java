package theo.platform;

/**
 * This process's name among several on one database ({@code theo.instance-name}, else host, process
 * id and a random suffix): its job scheduler's name ({@code picked_by}) and the instance recorded
 * on the sync runs it executes.
 */
public record InstanceName(String value) {}

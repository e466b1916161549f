package theo.gmail;

import theo.integration.spi.SyncStats;

/** The counts in Gmail's sync status: stored messages, unread ones, labels, threads, contacts. */
public record GmailStats(
    long emailCount, long unreadCount, long labelCount, long threadCount, long contactCount)
    implements SyncStats {}

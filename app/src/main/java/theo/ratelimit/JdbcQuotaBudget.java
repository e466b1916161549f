package theo.ratelimit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ledgers in PostgreSQL's {@code quota_budget}, one row per quota and key, locked with {@code
 * SELECT … FOR UPDATE} while a reservation changes them: every instance on the database paces
 * against the same units. Two short transactions per call (hold, settle).
 */
class JdbcQuotaBudget extends LedgerQuotaBudget {
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;

  JdbcQuotaBudget(DataSource dataSource, Clock clock) {
    super(clock);
    this.jdbc = new JdbcTemplate(dataSource);
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    // Never part of a caller's transaction: the rows stay locked only for the ledger's change.
    transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Override
  long tryHold(List<Claim> claims, long reservationId, long now) {
    return change(claims, now, ledgers -> holdAll(ledgers, claims, reservationId, now));
  }

  @Override
  void settle(List<Claim> claims, long reservationId, long now) {
    change(
        claims,
        now,
        ledgers -> {
          settleAll(ledgers, claims, reservationId, now);
          return 0L;
        });
  }

  /** Applies the rule to the locked ledgers; saves them when it answers 0 (done). */
  private long change(List<Claim> claims, long now, Function<Map<String, QuotaLedger>, Long> rule) {
    String[] keys = claims.stream().map(Claim::budgetKey).distinct().toArray(String[]::new);
    Long result =
        transactions.execute(
            status -> {
              Map<String, QuotaLedger> ledgers = lock(keys, now);
              long answer = rule.apply(ledgers);
              if (answer == 0) {
                save(ledgers, now);
              } else {
                status.setRollbackOnly();
              }
              return answer;
            });
    return result == null ? 0 : result;
  }

  private Map<String, QuotaLedger> lock(String[] keys, long now) {
    Map<String, QuotaLedger> ledgers = select(keys);
    if (ledgers.size() < keys.length) {
      Timestamp at = Timestamp.from(Instant.ofEpochMilli(now));
      for (String key : keys) {
        if (!ledgers.containsKey(key)) {
          jdbc.update(
              "insert into quota_budget (budget_key, ledger, updated_at) values (?, ?, ?)"
                  + " on conflict do nothing",
              key,
              new byte[0],
              at);
        }
      }
      ledgers = select(keys);
    }
    return ledgers;
  }

  private Map<String, QuotaLedger> select(String[] keys) {
    Map<String, QuotaLedger> ledgers = new HashMap<>();
    jdbc.query(
        "select budget_key, ledger from quota_budget where budget_key = any (?)"
            + " order by budget_key for update",
        statement -> statement.setArray(1, statement.getConnection().createArrayOf("text", keys)),
        row -> {
          ledgers.put(row.getString(1), QuotaLedger.fromBytes(row.getBytes(2)));
        });
    return ledgers;
  }

  private void save(Map<String, QuotaLedger> ledgers, long now) {
    Timestamp at = Timestamp.from(Instant.ofEpochMilli(now));
    jdbc.batchUpdate(
        "update quota_budget set ledger = ?, updated_at = ? where budget_key = ?",
        ledgers.entrySet().stream()
            .map(entry -> new Object[] {entry.getValue().toBytes(), at, entry.getKey()})
            .toList());
  }
}

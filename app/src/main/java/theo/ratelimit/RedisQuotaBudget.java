package theo.ratelimit;

import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Ledgers in Redis, one string per quota and key, changed by compare-and-set: a script writes the
 * new ledgers only if none changed since they were read, else the change is tried again. Idle
 * ledgers expire on their own.
 */
class RedisQuotaBudget extends LedgerQuotaBudget {
  private static final String PREFIX = "theo:quota:";

  /** KEYS: the ledgers; ARGV: the values read, then the values to write, then the TTL in ms. */
  private static final String COMPARE_AND_SET =
      """
      local n = #KEYS
      for i = 1, n do
        local current = redis.call('GET', KEYS[i])
        if (current or '') ~= ARGV[i] then return 0 end
      end
      for i = 1, n do
        redis.call('SET', KEYS[i], ARGV[n + i], 'PX', ARGV[2 * n + 1])
      end
      return 1
      """;

  private final RedisCommands<String, byte[]> redis;
  private final String scriptSha;

  RedisQuotaBudget(StatefulRedisConnection<String, byte[]> connection, Clock clock) {
    super(clock);
    this.redis = connection.sync();
    this.scriptSha = redis.scriptLoad(COMPARE_AND_SET);
  }

  @Override
  long tryHold(List<Claim> claims, long reservationId, long now) {
    return change(claims, ledgers -> holdAll(ledgers, claims, reservationId, now));
  }

  @Override
  void settle(List<Claim> claims, long reservationId, long now) {
    change(
        claims,
        ledgers -> {
          settleAll(ledgers, claims, reservationId, now);
          return 0L;
        });
  }

  private long change(List<Claim> claims, Function<Map<String, QuotaLedger>, Long> rule) {
    String[] keys = claims.stream().map(claim -> PREFIX + claim.budgetKey()).toArray(String[]::new);
    // Past this nothing in a ledger still counts: a call never closed, then its window.
    long ttlMillis =
        QuotaLedger.LEASE_MILLIS
            + QuotaLedger.SKEW_MILLIS
            + claims.stream().mapToLong(claim -> claim.quota().window().toMillis()).max().orElse(0);
    while (true) {
      List<KeyValue<String, byte[]>> read = redis.mget(keys);
      Map<String, QuotaLedger> ledgers = new HashMap<>();
      byte[][] args = new byte[2 * keys.length + 1][];
      for (int i = 0; i < keys.length; i++) {
        byte[] current = read.get(i).getValueOrElse(new byte[0]);
        args[i] = current;
        ledgers.put(claims.get(i).budgetKey(), QuotaLedger.fromBytes(current));
      }
      long answer = rule.apply(ledgers);
      if (answer != 0) {
        return answer;
      }
      for (int i = 0; i < keys.length; i++) {
        args[keys.length + i] = LedgerQuotaBudget.ledgerOf(ledgers, claims.get(i)).toBytes();
      }
      args[2 * keys.length] = Long.toString(ttlMillis).getBytes(StandardCharsets.US_ASCII);
      Long written = redis.evalsha(scriptSha, ScriptOutputType.INTEGER, keys, args);
      if (written != null && written == 1) {
        return 0;
      }
    }
  }
}

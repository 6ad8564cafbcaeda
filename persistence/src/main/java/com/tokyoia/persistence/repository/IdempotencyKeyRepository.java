package com.tokyoia.persistence.repository;

import com.tokyoia.persistence.domain.idempotency.StoredAnswer;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The answers kept for idempotency keys. Every call runs in the caller's (JTA) transaction, which
 * is the transaction of the write the key guards.
 */
@ApplicationScoped
public class IdempotencyKeyRepository {
    /** How long a retry waits for an attempt with the same key still running. */
    public static final Duration CLAIM_WAIT = Duration.ofSeconds(10);
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    @Resource(lookup = "java:jboss/datasources/TokyoIaDS")
    DataSource dataSource;

    /**
     * Takes the key for this request: true when it was free. When another transaction holds it
     * uncommitted, this waits for that one to end (PostgreSQL's unique check), so two concurrent
     * retries never both run.
     */
    public boolean claim(String principal, String key, String operation, byte[] requestSha256, Instant at) {
        String sql = "INSERT INTO idempotency_keys (principal, idempotency_key, operation, request_sha256, created_at) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (principal, idempotency_key) DO NOTHING";
        try (Connection c = dataSource.getConnection(); Statement settings = c.createStatement(); PreparedStatement ps = c.prepareStatement(sql)) {
            // Bounded: a client retrying again and again must not pile up connections waiting on an attempt that hangs.
            settings.execute("SET LOCAL lock_timeout = '" + CLAIM_WAIT.toMillis() + "ms'");
            ps.setString(1, principal);
            ps.setString(2, key);
            ps.setString(3, operation);
            ps.setBytes(4, requestSha256);
            ps.setTimestamp(5, Timestamp.from(at));
            int inserted;
            try {
                inserted = ps.executeUpdate();
            } catch (SQLException e) {
                if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    throw new KeyInUseException(key); // the transaction is aborted: it rolls back whole
                }
                throw e;
            }
            settings.execute("SET LOCAL lock_timeout TO DEFAULT");
            return inserted == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("idempotency key claim failed", e);
        }
    }

    /** Another attempt with the key is still running after {@link #CLAIM_WAIT}. */
    public static class KeyInUseException extends RuntimeException {
        public KeyInUseException(String key) {
            super("a request with Idempotency-Key " + key + " is still being processed; try again shortly");
        }
    }

    /** The answer kept for a key taken and committed earlier. */
    public Optional<StoredAnswer> find(String principal, String key) {
        String sql = "SELECT operation, request_sha256, status, location, body FROM idempotency_keys "
                + "WHERE principal = ? AND idempotency_key = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, principal);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                // No status: claimed by a transaction that committed without its answer (a write without a transaction
                // of its own; IdempotencyInterceptor refuses those) - never replayed as an answer.
                int status = rs.getInt(3);
                return rs.wasNull() ? Optional.empty()
                        : Optional.of(new StoredAnswer(rs.getString(1), rs.getBytes(2), status, rs.getString(4), rs.getString(5)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("idempotency key lookup failed", e);
        }
    }

    /** Keeps the answer of the request that claimed the key, in that request's transaction. */
    public void answer(String principal, String key, int status, String location, String body) {
        String sql = "UPDATE idempotency_keys SET status = ?, location = ?, body = ? WHERE principal = ? AND idempotency_key = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, status);
            ps.setString(2, location);
            ps.setString(3, body);
            ps.setString(4, principal);
            ps.setString(5, key);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("idempotency key " + key + " vanished before its answer was kept");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("idempotency key answer failed", e);
        }
    }

    /** Forgets keys taken before {@code cutoff}; returns how many. */
    public int expireBefore(Instant cutoff) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM idempotency_keys WHERE created_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("idempotency key expiry failed", e);
        }
    }
}

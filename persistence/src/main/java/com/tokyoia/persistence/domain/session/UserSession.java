package com.tokyoia.persistence.domain.session;

import com.tokyoia.persistence.domain.IllegalTransitionException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A user's session on the platform. Day column: started_at. */
@Entity
@Table(name = "user_sessions")
public class UserSession {
    @Id
    private UUID id;
    @Column(name = "user_id", nullable = false, updatable = false)
    private String userId;
    private String client;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private SessionStatus status;
    @Column(name = "started_at", nullable = false, updatable = false)
    private Instant startedAt;
    @Column(name = "last_heartbeat_at", nullable = false)
    private Instant lastHeartbeatAt;
    @Column(name = "ended_at")
    private Instant endedAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected UserSession() {
    }

    public UserSession(String userId, String client, Instant now) {
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.client = client;
        this.status = SessionStatus.ACTIVE;
        this.startedAt = now;
        this.lastHeartbeatAt = now;
        this.updatedAt = now;
    }

    public void heartbeat(Instant now) {
        requireActive(SessionStatus.ACTIVE);
        lastHeartbeatAt = now;
        updatedAt = now;
    }

    public void end(Instant now) {
        requireActive(SessionStatus.ENDED);
        status = SessionStatus.ENDED;
        endedAt = now;
        lastHeartbeatAt = now;
        updatedAt = now;
    }

    private void requireActive(SessionStatus target) {
        if (status != SessionStatus.ACTIVE) {
            throw new IllegalTransitionException("session", status, target);
        }
    }

    public UUID getId() { return id; }
    public String getUserId() { return userId; }
    public String getClient() { return client; }
    public SessionStatus getStatus() { return status; }
    public Instant getStartedAt() { return startedAt; }
    public Instant getLastHeartbeatAt() { return lastHeartbeatAt; }
    public Instant getEndedAt() { return endedAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public long getVersion() { return version; }
}

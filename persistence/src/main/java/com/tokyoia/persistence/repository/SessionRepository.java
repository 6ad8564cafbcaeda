package com.tokyoia.persistence.repository;

import com.tokyoia.persistence.domain.paging.KeysetCursor;
import com.tokyoia.persistence.domain.paging.Page;
import com.tokyoia.persistence.domain.session.UserSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SessionRepository {
    @PersistenceContext(unitName = "hot")
    EntityManager em;

    public Optional<UserSession> find(UUID id) {
        return Optional.ofNullable(em.find(UserSession.class, id));
    }

    public Optional<UserSession> findForUpdate(UUID id) {
        return Optional.ofNullable(em.find(UserSession.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public void add(UserSession session) {
        em.persist(session);
    }

    /** Sessions not ended whose last heartbeat is at or after {@code heartbeatSince}. */
    public Page<UserSession> listActive(Instant heartbeatSince, String userId, KeysetCursor after, int limit) {
        var rows = new KeysetQuery("user_sessions", "started_at", "id")
                .where("status = 'ACTIVE'")
                .where("last_heartbeat_at >= ?", heartbeatSince)
                .whereEquals("user_id", userId)
                .after(after, after == null ? null : after.uuidId())
                .fetch(em, UserSession.class, limit);
        return Page.of(rows, limit, s -> new KeysetCursor(s.getStartedAt(), s.getId().toString()));
    }
}

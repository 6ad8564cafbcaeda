package com.tokyoia.web.application;

import com.tokyoia.persistence.domain.paging.KeysetCursor;
import com.tokyoia.persistence.domain.paging.Page;
import com.tokyoia.persistence.domain.session.UserSession;
import com.tokyoia.persistence.repository.SessionRepository;
import com.tokyoia.web.application.Views.SessionView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
@Transactional
public class SessionService {
    @Inject
    SessionRepository sessions;
    @Inject
    @ConfigProperty(name = "tokyoia.sessions.idle-timeout-minutes", defaultValue = "30")
    long idleTimeoutMinutes;

    public SessionView start(String userId, String client) {
        UserSession session = new UserSession(userId, client, Instant.now());
        sessions.add(session);
        return SessionView.of(session);
    }

    public SessionView heartbeat(UUID id) {
        UserSession session = load(id);
        session.heartbeat(Instant.now());
        return SessionView.of(session);
    }

    public SessionView end(UUID id) {
        UserSession session = load(id);
        session.end(Instant.now());
        return SessionView.of(session);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public SessionView get(UUID id) {
        return sessions.find(id).map(SessionView::of).orElseThrow(() -> new ResourceNotFoundException("session", id, null));
    }

    /** Sessions not ended that sent a heartbeat within the idle timeout. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<SessionView> listActive(String userId, KeysetCursor after, int limit) {
        Instant since = Instant.now().minus(Duration.ofMinutes(idleTimeoutMinutes));
        return sessions.listActive(since, userId, after, limit).map(SessionView::of);
    }

    private UserSession load(UUID id) {
        return sessions.findForUpdate(id).orElseThrow(() -> new ResourceNotFoundException("session", id, null));
    }
}

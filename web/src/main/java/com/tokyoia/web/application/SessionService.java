package com.tokyoia.web.application;

import com.tokyoia.persistence.domain.paging.KeysetCursor;
import com.tokyoia.persistence.domain.paging.Page;
import com.tokyoia.persistence.domain.session.UserSession;
import com.tokyoia.persistence.repository.SessionRepository;
import com.tokyoia.web.application.Views.SessionView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
@Transactional
public class SessionService {
    @Inject
    SessionRepository sessions;
    @Inject
    ApiSettings settings;
    @Inject
    Clock clock;

    public SessionView start(String userId, String client) {
        UserSession session = new UserSession(userId, client, clock.instant());
        sessions.add(session);
        return SessionView.of(session);
    }

    public SessionView heartbeat(UUID id) {
        UserSession session = load(id);
        session.heartbeat(clock.instant());
        return SessionView.of(session);
    }

    public SessionView end(UUID id) {
        UserSession session = load(id);
        session.end(clock.instant());
        return SessionView.of(session);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public SessionView get(UUID id) {
        return sessions.find(id).map(SessionView::of).orElseThrow(() -> new ResourceNotFoundException("session", id, null));
    }

    /** Sessions not ended that sent a heartbeat within the idle timeout. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<SessionView> listActive(String userId, KeysetCursor after, int limit) {
        Instant since = clock.instant().minus(settings.sessionIdleTimeout());
        return sessions.listActive(since, userId, after, limit).map(SessionView::of);
    }

    private UserSession load(UUID id) {
        return sessions.findForUpdate(id).orElseThrow(() -> new ResourceNotFoundException("session", id, null));
    }
}

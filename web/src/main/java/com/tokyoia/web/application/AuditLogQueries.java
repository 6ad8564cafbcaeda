package com.tokyoia.web.application;

import com.tokyoia.persistence.domain.paging.KeysetCursor;
import com.tokyoia.persistence.domain.paging.Page;
import com.tokyoia.persistence.domain.paging.TimeRange;
import com.tokyoia.persistence.repository.AuditLogRepository;
import com.tokyoia.web.application.Views.AuditEntryView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** What admins read of the audit trail: who did what, refused or done, filtered and paged. */
@ApplicationScoped
public class AuditLogQueries {
    @Inject
    AuditLogRepository auditLog;

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AuditEntryView> list(TimeRange range, String actor, String action, String entityType, String entityId,
                                     KeysetCursor after, int limit) {
        return auditLog.list(range, actor, action, entityType, entityId, after, limit).map(AuditEntryView::of);
    }
}

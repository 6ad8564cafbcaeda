package com.tokyoia.etl.application.port;

import java.sql.SQLException;

/** Where the trace of who started or restarted a batch job goes (the audit log, a lake table). */
public interface JobAudit {
    void record(long executionId, String job, String action, String actor, String details) throws SQLException;
}

package com.tokyoia.web.interfaces.rest;

/**
 * Who may call what. The roles come from the identity (the Roles attribute of the local realm's
 * users, or a token's claims); each operation names the roles it admits with @RolesAllowed, and
 * one that names none is unreachable (DenyUnlistedOperations). Roles do not imply one another: a
 * user who writes and reads has both.
 */
public final class Roles {
    /** The programs that write hot data: agents, workflows, tasks, metrics, interactions, sessions. */
    public static final String INGEST = "ingest";
    /** Reads hot data, the dashboard, the lake's and the ETL's state; analytics answered without a cold scan. */
    public static final String VIEWER = "viewer";
    /** Runs analytics questions and quotes, cold scans included, within the per-query limit and the daily budget. */
    public static final String ANALYST = "analyst";
    /** Starts and changes the lifecycle (backfill, re-export, verify, reconcile, retention, restore), overrides the budget. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}

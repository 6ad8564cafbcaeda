package com.tokyoia.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.tokyoia.platform.time.SystemTime;
import com.tokyoia.testing.TestDatabase;
import java.sql.Timestamp;
import java.time.Duration;

/** The EJB timers WildFly keeps in PostgreSQL (its database-data-store). */
final class PersistedTimers {
    private PersistedTimers() {
    }

    /**
     * Exactly one live timer of the bean, due within a day. Looked for over a few seconds: the row
     * is written by the timer service at deployment. Live is any state but CANCELED and EXPIRED:
     * the database store may keep a new timer's row CREATED until its first timeout (it did when
     * this test ran right after deployment), which WildFly's timer service treats as active.
     */
    static void assertOneLiveTimerDueWithinADay(String bean) throws Exception {
        String sql = "SELECT count(*) FROM jboss_ejb_timer WHERE timed_object_id = ? AND timer_state NOT IN ('CANCELED', 'EXPIRED') "
                + "AND next_date > ? AND next_date <= ?";
        long found = 0;
        for (int attempt = 0; attempt < 20 && found != 1; attempt++) {
            if (attempt > 0) {
                Thread.sleep(500);
            }
            Timestamp now = Timestamp.from(SystemTime.clock().instant());
            found = TestDatabase.count(sql, "tokyo-ia.tokyo-ia-ejb-etl." + bean, now,
                    Timestamp.from(now.toInstant().plus(Duration.ofHours(25))));
        }
        assertThat(found).as("exactly one live " + bean + " timer, persisted in PostgreSQL, due within a day; the table holds: "
                + TestDatabase.string("SELECT string_agg(timed_object_id || ' ' || next_date || ' ' || timer_state, '; ') "
                + "FROM jboss_ejb_timer") + " (now " + SystemTime.clock().instant() + ")").isEqualTo(1);
    }
}

package com.tokyoia.persistence.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The grants every node gives the application's role after migrating, on the test PostgreSQL. Two
 * nodes of a cluster start together (the two-node week of simulated nights did, every night), so
 * two grants run at once; PostgreSQL refuses concurrent GRANTs on one object ("tuple concurrently
 * updated"), which failed one node's deployment.
 */
class DatabaseGrantsTest {
    private static final String APP_ROLE = System.getenv().getOrDefault("TOKYOIA_DB_USER", "tokyoia_app");
    private static PGSimpleDataSource owner;

    @BeforeAll
    static void migrate() {
        owner = new PGSimpleDataSource();
        owner.setUrl(System.getenv().getOrDefault("TOKYOIA_DB_URL", "jdbc:postgresql://127.0.0.1:5432/tokyoia_test"));
        owner.setUser(System.getenv().getOrDefault("TOKYOIA_DB_OWNER_USER", "tokyoia_owner"));
        owner.setPassword(System.getenv().getOrDefault("TOKYOIA_DB_OWNER_PASSWORD", ""));
        SchemaMigration.migrate(owner, APP_ROLE);
    }

    @Test
    void twoNodesGrantingAtOnceBothSucceed() throws Exception {
        int nodes = 2;
        int rounds = 25;
        CyclicBarrier together = new CyclicBarrier(nodes);
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            List<Future<Integer>> granted = new ArrayList<>();
            for (int n = 0; n < nodes; n++) {
                granted.add(pool.submit(() -> {
                    int done = 0;
                    try (Connection c = owner.getConnection()) {
                        for (int round = 0; round < rounds; round++) {
                            together.await(30, TimeUnit.SECONDS);
                            if (DatabaseGrants.grantApplicationRole(c, APP_ROLE)) {
                                done++;
                            }
                        }
                    }
                    return done;
                }));
            }
            for (Future<Integer> node : granted) {
                assertThat(node.get(2, TimeUnit.MINUTES)).as("grants that succeeded, of " + rounds).isEqualTo(rounds);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

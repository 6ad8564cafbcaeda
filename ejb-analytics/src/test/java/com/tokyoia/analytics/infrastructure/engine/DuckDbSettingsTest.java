package com.tokyoia.analytics.infrastructure.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tokyoia.analytics.application.port.ColdEngineException;
import com.tokyoia.platform.config.ConfigReader;
import com.tokyoia.platform.config.InvalidSettingException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DuckDbSettingsTest {

    @Test
    void theEmbeddedDuckDbTakesTheConfiguredMemoryAndThreads() throws Exception {
        DuckDbSettings settings = DuckDbSettings.from(ConfigReader.standalone(Map.of("tokyoia.analytics.duckdb.memory-limit-mb", "96",
                "tokyoia.analytics.duckdb.threads", "1", "tokyoia.analytics.duckdb.query-timeout-seconds", "1")));
        try (DuckDbEngine engine = new DuckDbEngine(Files.createTempDirectory("duckdb-settings"), settings)) {
            assertThat(engine.probe()).contains("memory limit 96.0 MiB").endsWith(", 1 threads)");
            // A scan of ten trillion generated rows: it would run for hours.
            long started = System.nanoTime();
            assertThatThrownBy(() -> engine.run("an endless scan", "SELECT count(*) FROM range(10000000000000) t(i) WHERE i % 7 = 3",
                    ps -> ps.executeQuery().close()))
                    .isInstanceOf(ColdEngineException.class)
                    .hasMessageContaining("DuckDB stopped an endless scan after 1 s")
                    .hasMessageContaining("tokyoia.analytics.duckdb.query-timeout-seconds = 1");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("cancelled, not run to the end").isLessThan(Duration.ofSeconds(30));
            assertThat(engine.probe()).as("the engine answers after a cancel").startsWith("DuckDB ");
        }
    }

    @Test
    void settingsOutOfRangeStopTheDeploymentNamingTheKey() {
        assertThatThrownBy(() -> DuckDbSettings.from(ConfigReader.standalone(Map.of("tokyoia.analytics.duckdb.memory-limit-mb", "8",
                "tokyoia.analytics.duckdb.threads", "1", "tokyoia.analytics.duckdb.query-timeout-seconds", "60"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("tokyoia.analytics.duckdb.memory-limit-mb");
        assertThatThrownBy(() -> DuckDbSettings.from(ConfigReader.standalone(Map.of("tokyoia.analytics.duckdb.memory-limit-mb", "64",
                "tokyoia.analytics.duckdb.threads", "many", "tokyoia.analytics.duckdb.query-timeout-seconds", "60"))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("tokyoia.analytics.duckdb.threads");
    }
}

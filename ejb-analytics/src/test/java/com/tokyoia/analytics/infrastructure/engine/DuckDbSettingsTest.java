package com.tokyoia.analytics.infrastructure.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tokyoia.platform.config.ConfigReader;
import com.tokyoia.platform.config.InvalidSettingException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DuckDbSettingsTest {

    @Test
    void theEmbeddedDuckDbTakesTheConfiguredMemoryAndThreads() throws Exception {
        DuckDbSettings settings = DuckDbSettings.from(ConfigReader.standalone(Map.of("tokyoia.analytics.duckdb.memory-limit-mb", "96",
                "tokyoia.analytics.duckdb.threads", "1")));
        try (DuckDbEngine engine = new DuckDbEngine(Files.createTempDirectory("duckdb-settings"), settings)) {
            assertThat(engine.probe()).contains("memory limit 96.0 MiB").endsWith(", 1 threads)");
        }
    }

    @Test
    void settingsOutOfRangeStopTheDeploymentNamingTheKey() {
        assertThatThrownBy(() -> DuckDbSettings.from(ConfigReader.standalone(Map.of("tokyoia.analytics.duckdb.memory-limit-mb", "8",
                "tokyoia.analytics.duckdb.threads", "1")))).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("tokyoia.analytics.duckdb.memory-limit-mb");
        assertThatThrownBy(() -> DuckDbSettings.from(ConfigReader.standalone(Map.of("tokyoia.analytics.duckdb.memory-limit-mb", "64",
                "tokyoia.analytics.duckdb.threads", "many")))).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("tokyoia.analytics.duckdb.threads");
    }
}

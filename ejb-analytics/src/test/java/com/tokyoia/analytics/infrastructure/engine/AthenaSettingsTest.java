package com.tokyoia.analytics.infrastructure.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tokyoia.platform.config.ConfigReader;
import com.tokyoia.platform.config.InvalidSettingException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AthenaSettingsTest {

    @Test
    void theModuleDefaultsAreValid() {
        AthenaSettings settings = AthenaSettings.from(ConfigReader.standalone());
        assertThat(settings.firstPoll()).isLessThanOrEqualTo(settings.maxPoll());
    }

    @Test
    void aFirstPollAfterTheLongestPollStopsStartUp() {
        assertThatThrownBy(() -> AthenaSettings.from(ConfigReader.standalone(Map.of("tokyoia.athena.first-poll-ms", "5000",
                "tokyoia.athena.max-poll-ms", "2000"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("tokyoia.athena.first-poll-ms");
    }
}

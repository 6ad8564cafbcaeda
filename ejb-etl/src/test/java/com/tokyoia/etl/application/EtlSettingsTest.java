package com.tokyoia.etl.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tokyoia.platform.config.ConfigReader;
import com.tokyoia.platform.config.InvalidSettingException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EtlSettingsTest {

    @Test
    void theModuleDefaultsAreValid() {
        EtlSettings settings = EtlSettings.from(ConfigReader.standalone());
        assertThat(settings.reconcileWindowDays()).isLessThanOrEqualTo(settings.maxRangeDays());
        assertThat(settings.executionLease()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.leaseRenewal()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void rowGroupsFollowTheHeapUnlessSet() {
        ConfigReader auto = ConfigReader.standalone(Map.of("tokyoia.etl.row-group-mb", "auto"));
        assertThat(EtlSettings.rowGroupBytes(auto, 512L << 20)).isEqualTo(64L << 20);
        assertThat(EtlSettings.rowGroupBytes(auto, 384L << 20)).isEqualTo(48L << 20);
        assertThat(EtlSettings.rowGroupBytes(auto, 256L << 20)).isEqualTo(16L << 20);
        assertThat(EtlSettings.rowGroupBytes(auto, 230L << 20)).isEqualTo(9L << 20);
        assertThat(EtlSettings.rowGroupBytes(auto, 128L << 20)).isEqualTo(8L << 20);
        assertThat(EtlSettings.rowGroupBytes(auto, 16L << 30)).isEqualTo(64L << 20);
        ConfigReader set = ConfigReader.standalone(Map.of("tokyoia.etl.row-group-mb", "16"));
        assertThat(EtlSettings.rowGroupBytes(set, 16L << 30)).isEqualTo(16L << 20);
        assertThatThrownBy(() -> EtlSettings.rowGroupBytes(ConfigReader.standalone(Map.of("tokyoia.etl.row-group-mb", "big")), 1L << 30))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("tokyoia.etl.row-group-mb").hasMessageContaining("auto");
    }

    @Test
    void aCatchUpLongerThanTheLongestRangeStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> EtlSettings.from(ConfigReader.standalone(Map.of("tokyoia.etl.catch-up-max-days", "400",
                "tokyoia.etl.max-range-days", "366"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("tokyoia.etl.catch-up-max-days")
                .hasMessageContaining("366");
    }

    @Test
    void aLeaseTooShortToRenewIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> EtlSettings.from(ConfigReader.standalone(Map.of("tokyoia.etl.execution-lease-seconds", "3"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("tokyoia.etl.execution-lease-seconds");
    }

    @Test
    void aReconcileWindowLongerThanTheLongestRangeStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> EtlSettings.from(ConfigReader.standalone(Map.of("tokyoia.etl.reconcile-window-days", "400",
                "tokyoia.etl.max-range-days", "366"))))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("tokyoia.etl.reconcile-window-days")
                .hasMessageContaining("366");
    }
}

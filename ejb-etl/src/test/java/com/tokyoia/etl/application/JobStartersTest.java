package com.tokyoia.etl.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class JobStartersTest {

    @Test
    void aStartWithoutTheApplicationsMarkCameThroughTheManagementInterface() {
        Properties api = new Properties();
        api.setProperty(JobStarters.STARTED_BY, JobStarters.API);
        assertThat(JobStarters.starter(api)).isEqualTo("api");
        Properties console = new Properties();
        console.setProperty("from", "2026-11-01");
        assertThat(JobStarters.starter(console)).isEqualTo(JobStarters.MANAGEMENT);
        assertThat(JobStarters.starter(null)).isEqualTo(JobStarters.MANAGEMENT);
    }

    @Test
    void aRecoveryMarkCountsOnlyForTheExecutionItRestarted() {
        Properties original = new Properties();
        original.setProperty("from", "2026-11-01");
        Properties recovery = JobStarters.forRecoveryOf(41, original);
        assertThat(recovery.getProperty("from")).isEqualTo("2026-11-01");
        assertThat(JobStarters.restarter(recovery, 41)).startsWith("execution recovery");
        // A later restart from the console inherits the parameters, mark included: it is not recovery's.
        assertThat(JobStarters.restarter(recovery, 57)).isEqualTo(JobStarters.MANAGEMENT);
        assertThat(JobStarters.restarter(original, 41)).isEqualTo(JobStarters.MANAGEMENT);
    }
}

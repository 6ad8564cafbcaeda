package com.tokyoia.etl.interfaces.batch;

import com.tokyoia.etl.application.EtlSettings;
import com.tokyoia.etl.domain.ExportRequest;
import com.tokyoia.lake.domain.schema.LakeTable;
import com.tokyoia.platform.error.InvalidValueException;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * One partition of work per (table, day) of the job's range. The parameters are checked as the API
 * checks them, since the management console and CLI start jobs without the API: a bad one fails the
 * execution at once with the field and the reason as its exit status, which the console shows.
 */
@Named
@Dependent
public class DayPartitionMapper implements PartitionMapper {
    @Inject
    @BatchProperty
    String from;
    @Inject
    @BatchProperty
    String to;
    @Inject
    @BatchProperty
    String tables;
    @Inject
    @BatchProperty
    String threads;
    @Inject
    JobContext job;
    @Inject
    EtlSettings settings;
    @Inject
    Clock clock;

    @Override
    public PartitionPlan mapPartitions() {
        ExportRequest request;
        int parallel;
        try {
            request = ExportRequest.parse(from, to, tables, LocalDate.now(clock), settings.maxRangeDays());
            parallel = threads(threads);
        } catch (InvalidValueException e) {
            job.setExitStatus("FAILED: job parameter '" + e.field() + "' " + e.getMessage());
            throw e;
        }
        List<Properties> partitions = new ArrayList<>();
        for (LocalDate day = request.from(); !day.isAfter(request.to()); day = day.plusDays(1)) {
            for (LakeTable table : request.tables()) {
                Properties p = new Properties();
                p.setProperty("table", table.name());
                p.setProperty("day", day.toString());
                partitions.add(p);
            }
        }
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(partitions.size());
        plan.setThreads(Math.min(partitions.size(), parallel));
        plan.setPartitionProperties(partitions.toArray(new Properties[0]));
        // On restart only the partitions that did not complete run again.
        plan.setPartitionsOverride(false);
        return plan;
    }

    private static int threads(String value) {
        if (value == null || value.isBlank()) {
            return 2;
        }
        try {
            int threads = Integer.parseInt(value.strip());
            if (threads >= 1 && threads <= 16) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidValueException("threads", "'" + value + "' is not a whole number from 1 to 16");
    }
}

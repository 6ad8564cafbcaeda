package com.tokyoia.etl.interfaces.batch;

import com.tokyoia.etl.domain.ExportRequest;
import com.tokyoia.lake.domain.schema.LakeTable;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** One partition of work per (table, day) of the job's range. */
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

    @Override
    public PartitionPlan mapPartitions() {
        List<LakeTable> selected = ExportRequest.tables(tables);
        List<Properties> partitions = new ArrayList<>();
        for (LocalDate day = LocalDate.parse(from); !day.isAfter(LocalDate.parse(to)); day = day.plusDays(1)) {
            for (LakeTable table : selected) {
                Properties p = new Properties();
                p.setProperty("table", table.name());
                p.setProperty("day", day.toString());
                partitions.add(p);
            }
        }
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(partitions.size());
        plan.setThreads(Math.max(1, Math.min(partitions.size(), threads == null ? 2 : Integer.parseInt(threads))));
        plan.setPartitionProperties(partitions.toArray(new Properties[0]));
        // On restart only the partitions that did not complete run again.
        plan.setPartitionsOverride(false);
        return plan;
    }
}

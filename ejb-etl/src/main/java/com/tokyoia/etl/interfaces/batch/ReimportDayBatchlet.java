package com.tokyoia.etl.interfaces.batch;

import com.tokyoia.etl.application.recovery.DayReimport;
import com.tokyoia.lake.domain.schema.LakeTable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.sql.SQLException;
import java.time.LocalDate;

/** Re-imports one (table, day) partition from the lake into PostgreSQL. */
@Named
@Dependent
public class ReimportDayBatchlet extends DayPartitionBatchlet {
    @Inject
    DayReimport reimport;

    @Override
    protected String process(LakeTable lakeTable, LocalDate lakeDay, String jobName, long executionId) throws IOException, SQLException {
        return "re-imported " + reimport.reimport(lakeTable, lakeDay) + " rows";
    }
}

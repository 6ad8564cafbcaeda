package com.tokyoia.etl.interfaces.batch;

import com.tokyoia.etl.application.migration.LakeMoves;
import java.time.LocalDate;

/** The days a whole-lake job covers: its from and to parameters, each optional (the whole lake). */
record DayRange(LocalDate from, LocalDate to) {
    static DayRange of(String from, String to) {
        return new DayRange(from == null || from.isBlank() ? LakeMoves.BEGINNING : LocalDate.parse(from),
                to == null || to.isBlank() ? LocalDate.of(9999, 12, 31) : LocalDate.parse(to));
    }
}

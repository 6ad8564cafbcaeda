package com.tokyoia.persistence.partition;

import com.tokyoia.platform.config.ConfigReader;

/** How far ahead day partitions are kept created (tokyoia.partitions.days-ahead). */
public record PartitionSettings(int daysAhead) {
    public static PartitionSettings from(ConfigReader config) {
        return new PartitionSettings(config.integer("tokyoia.partitions.days-ahead", 1, 366));
    }
}

package com.tokyoia.lake.domain.lifecycle;

/**
 * The lake bucket's lifecycle policy as the application assumes it (tokyoia.lifecycle.*, the same
 * values infrastructure/ applies): Standard, Glacier Instant Retrieval after {@code glacierIrAfterDays},
 * Deep Archive after {@code deepArchiveAfterDays}, gone after {@code expireAfterDays}.
 */
public record StorageClassModel(int glacierIrAfterDays, int deepArchiveAfterDays, int expireAfterDays) {

    public StorageClassModel {
        if (!(glacierIrAfterDays < deepArchiveAfterDays && deepArchiveAfterDays < expireAfterDays)) {
            throw new IllegalArgumentException("the lifecycle must go Glacier IR (" + glacierIrAfterDays + ") < Deep Archive ("
                    + deepArchiveAfterDays + ") < expiry (" + expireAfterDays + ")");
        }
    }

    /** The class an object of this age (in days since it was written) has under the policy; MISSING once expired. */
    public StorageClass expected(long ageDays) {
        if (ageDays >= expireAfterDays) {
            return StorageClass.MISSING;
        }
        if (ageDays >= deepArchiveAfterDays) {
            return StorageClass.DEEP_ARCHIVE;
        }
        return ageDays >= glacierIrAfterDays ? StorageClass.GLACIER_IR : StorageClass.STANDARD;
    }
}

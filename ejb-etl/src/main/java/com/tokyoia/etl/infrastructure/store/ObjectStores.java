package com.tokyoia.etl.infrastructure.store;

import com.tokyoia.lake.application.port.ObjectStore;
import com.tokyoia.lake.infrastructure.config.LakeSettings;

/** The object store the lake settings name: a local directory or an S3 bucket. */
public final class ObjectStores {
    private ObjectStores() {
    }

    public static ObjectStore open(LakeSettings lake) {
        return switch (lake.store()) {
            case LOCAL -> new LocalDirectoryStore(lake.localRoot());
            case S3 -> new S3ObjectStore(lake.requireS3());
        };
    }

    public static void close(ObjectStore store) {
        if (store instanceof S3ObjectStore s3) {
            s3.close();
        }
    }
}

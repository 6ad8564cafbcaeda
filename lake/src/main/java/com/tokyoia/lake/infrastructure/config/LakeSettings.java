package com.tokyoia.lake.infrastructure.config;

import com.tokyoia.lake.domain.manifest.LakeLocation;
import com.tokyoia.platform.config.ConfigReader;
import com.tokyoia.platform.config.InvalidSettingException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where the lake is and which catalog describes it (tokyoia.lake.*). The S3 settings are read only
 * for the s3 store, the Trino ones only for the Trino catalog.
 */
public record LakeSettings(StoreKind store, Path localRoot, Optional<S3Settings> s3, CatalogKind catalog,
                           String glueDatabase, Supplier<S3Settings> s3Connection) {

    public enum StoreKind { LOCAL, S3 }

    public enum CatalogKind { NONE, GLUE, TRINO }

    public static LakeSettings from(ConfigReader config) {
        StoreKind store = config.choice("tokyoia.lake.store", StoreKind.class);
        CatalogKind catalog = config.choice("tokyoia.lake.catalog", CatalogKind.class);
        if (catalog != CatalogKind.NONE && store != StoreKind.S3) {
            throw new InvalidSettingException("tokyoia.lake.catalog", "is " + ConfigReader.spelling(catalog)
                    + ", which reads the lake from S3: it needs tokyoia.lake.store=s3");
        }
        Optional<S3Settings> s3 = store == StoreKind.S3 ? Optional.of(S3Settings.from(config)) : Optional.empty();
        return new LakeSettings(store, Path.of(config.text("tokyoia.lake.local.root")), s3, catalog,
                // A local deployment reads its S3 connection only when a migration needs it: a bad value there does not stop it.
                config.text("tokyoia.lake.glue.database"), s3.isPresent() ? s3::get : () -> S3Settings.connection(config));
    }

    /** Where this deployment writes copies and which catalog it publishes them to. */
    public LakeLocation location() {
        return store == StoreKind.LOCAL ? LakeLocation.local(localRoot)
                : LakeLocation.s3(requireS3().rootUri(), ConfigReader.spelling(catalog));
    }

    /** How to reach an S3 root that is not this deployment's own store (a lake migration's source or target). */
    public S3Settings s3At(String rootUri) {
        return s3Connection.get().at(rootUri);
    }

    /** The S3 settings; only valid with the s3 store. */
    public S3Settings requireS3() {
        return s3.orElseThrow(() -> new InvalidSettingException("tokyoia.lake.store", "must be s3 for this feature"));
    }
}

package com.tokyoia.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/** The EAR the build produced, deployed as it is (or with one configuration override). */
final class Deployments {
    /** A lake directory that cannot exist: its parent is a device file. */
    static final String MISSING_LAKE = "/dev/null/tokyo-ia-lake";
    private Deployments() {
    }

    static EnterpriseArchive builtEar() {
        return ShrinkWrap.create(ZipImporter.class, "tokyo-ia.ear").importFrom(earFile()).as(EnterpriseArchive.class);
    }

    /**
     * The same EAR with Redis and the Trino engine pointed at closed ports and the lake at a
     * directory that does not exist, through a higher-ordinal MicroProfile Config source in lib/:
     * exactly what an operator's TOKYOIA_REDIS_PORT (and so on) would do.
     */
    static EnterpriseArchive earWithDependenciesUnreachable() {
        EnterpriseArchive ear = ShrinkWrap.create(ZipImporter.class, "tokyo-ia-deps-down.ear")
                .importFrom(earFile()).as(EnterpriseArchive.class);
        JavaArchive override = ShrinkWrap.create(JavaArchive.class, "dependencies-unreachable-config.jar")
                .addAsManifestResource(new StringAsset("config_ordinal=500\ntokyoia.redis.port=1\n"
                        + "tokyoia.redis.retry-seconds=2\ntokyoia.lake.local.root=" + MISSING_LAKE + "\n"
                        + "tokyoia.analytics.engine=trino\ntokyoia.trino.url=jdbc:trino://127.0.0.1:1\n"), "microprofile-config.properties");
        return ear.addAsLibrary(override);
    }

    private static File earFile() {
        File ear = new File(System.getProperty("tokyoia.ear", "target/tokyo-ia.ear"));
        if (!ear.isFile()) {
            throw new IllegalStateException("EAR not built: " + ear.getAbsolutePath());
        }
        return ear;
    }
}

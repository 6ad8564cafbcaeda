package com.tokyoia.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/** The EAR the build produced, deployed as it is (or with one configuration override). */
final class Deployments {
    private Deployments() {
    }

    static EnterpriseArchive builtEar() {
        return ShrinkWrap.create(ZipImporter.class, "tokyo-ia.ear").importFrom(earFile()).as(EnterpriseArchive.class);
    }

    /**
     * The same EAR with Redis pointed at a closed port, through a higher-ordinal MicroProfile
     * Config source in lib/: exactly what an operator's TOKYOIA_REDIS_PORT would do.
     */
    static EnterpriseArchive earWithRedisUnreachable() {
        EnterpriseArchive ear = ShrinkWrap.create(ZipImporter.class, "tokyo-ia-redis-down.ear")
                .importFrom(earFile()).as(EnterpriseArchive.class);
        JavaArchive override = ShrinkWrap.create(JavaArchive.class, "redis-unreachable-config.jar")
                .addAsManifestResource(new StringAsset("config_ordinal=500\ntokyoia.redis.port=1\n"
                        + "tokyoia.redis.retry-seconds=2\n"), "microprofile-config.properties");
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

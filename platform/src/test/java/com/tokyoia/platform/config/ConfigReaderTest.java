package com.tokyoia.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {
    enum Catalog { NONE, GLUE, GLUE_PROJECTION }

    private static ConfigReader config(Map<String, String> values) {
        return ConfigReader.standalone(values);
    }

    @Test
    void typedValuesAreReadAndChecked() {
        ConfigReader c = config(Map.of("t.n", "42", "t.d", "1.50", "t.b", "TRUE", "t.s", "30", "t.e", "glue-projection",
                "t.u", "http://127.0.0.1:9000", "t.text", "  spaced  "));
        assertThat(c.integer("t.n", 1, 100)).isEqualTo(42);
        assertThat(c.decimal("t.d", BigDecimal.ZERO, BigDecimal.TEN)).isEqualByComparingTo("1.5");
        assertThat(c.flag("t.b")).isTrue();
        assertThat(c.duration("t.s", ChronoUnit.SECONDS, 1, 60)).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.choice("t.e", Catalog.class)).isEqualTo(Catalog.GLUE_PROJECTION);
        assertThat(c.optionalUri("t.u")).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(c.text("t.text")).isEqualTo("spaced");
        assertThat(c.optionalText("t.absent")).isEmpty();
    }

    @Test
    void badValuesStopStartUpNamingTheKeyAndItsEnvironmentVariable() {
        ConfigReader c = config(Map.of("tokyoia.x.pool-size", "0", "tokyoia.x.flag", "yes", "tokyoia.x.kind", "parquet",
                "tokyoia.x.number", "many", "tokyoia.x.uri", "just-a-name"));
        assertThatThrownBy(() -> c.integer("tokyoia.x.pool-size", 1, 64)).isInstanceOf(InvalidSettingException.class)
                .hasMessage("tokyoia.x.pool-size (environment variable TOKYOIA_X_POOL_SIZE) must be between 1 and 64, not 0");
        assertThatThrownBy(() -> c.flag("tokyoia.x.flag")).hasMessageContaining("must be true or false, not 'yes'");
        assertThatThrownBy(() -> c.choice("tokyoia.x.kind", Catalog.class))
                .hasMessageContaining("must be one of [none, glue, glue-projection], not 'parquet'");
        assertThatThrownBy(() -> c.whole("tokyoia.x.number", 0, 9)).hasMessageContaining("must be a whole number, not 'many'");
        assertThatThrownBy(() -> c.optionalUri("tokyoia.x.uri")).hasMessageContaining("must be an absolute URI");
        assertThatThrownBy(() -> c.text("tokyoia.x.missing")).isInstanceOfSatisfying(InvalidSettingException.class,
                e -> assertThat(e.key()).isEqualTo("tokyoia.x.missing")).hasMessageContaining("is required but not set");
    }

    @Test
    void blankValuesAreUnsetAndExpressionsExpand() {
        ConfigReader c = config(Map.of("t.blank", "  ", "t.root", "${t.base:/srv}/lake", "t.base2", "/data",
                "t.root2", "${t.base2:/srv}/lake"));
        assertThat(c.optionalText("t.blank")).isEmpty();
        assertThat(c.text("t.root")).isEqualTo("/srv/lake");
        assertThat(c.text("t.root2")).isEqualTo("/data/lake");
    }

    @Test
    void everyModuleDefaultOnTheClassPathIsRead() {
        assertThat(ConfigReader.standalone().integer("tokyoia.redis.port", 1, 65535)).isEqualTo(6379);
    }

    @Test
    void environmentNamesFollowMicroProfileConfig() {
        assertThat(ConfigReader.environmentName("tokyoia.lake.s3.path-style")).isEqualTo("TOKYOIA_LAKE_S3_PATH_STYLE");
    }

    @Test
    void awsEndpointsAreHttpsOrOnThisMachine() {
        ConfigReader c = ConfigReader.standalone(Map.of("a", "https://s3.eu-west-1.amazonaws.com", "b", "http://127.0.0.1:8333",
                "c", "http://localhost:9000", "d", "http://[::1]:9000", "e", "http://minio.internal:9000", "f", "ftp://127.0.0.1"));
        assertThat(c.optionalAwsEndpoint("a")).isPresent();
        assertThat(c.optionalAwsEndpoint("b")).isPresent();
        assertThat(c.optionalAwsEndpoint("c")).isPresent();
        assertThat(c.optionalAwsEndpoint("d")).isPresent();
        assertThatThrownBy(() -> c.optionalAwsEndpoint("e")).hasMessageContaining("must be an https URL");
        assertThatThrownBy(() -> c.optionalAwsEndpoint("f")).hasMessageContaining("must be an https URL");
        assertThat(c.optionalAwsEndpoint("unset")).isEmpty();
    }
}

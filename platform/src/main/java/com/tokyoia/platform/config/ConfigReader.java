package com.tokyoia.platform.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads typed, range-checked settings. Every module builds its settings records (one per concern)
 * through this class, so keys are read once, defaults live only in each module's
 * {@code META-INF/microprofile-config.properties}, and a bad value stops start-up with an
 * {@link InvalidSettingException} naming the key and its environment variable.
 */
public final class ConfigReader {
    private static final Pattern LOOPBACK = Pattern.compile("localhost|127(\\.\\d{1,3}){3}|\\[?::1]?", Pattern.CASE_INSENSITIVE);
    private static final String DEFAULTS = "META-INF/microprofile-config.properties";
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");

    private final Function<String, Optional<String>> lookup;

    private ConfigReader(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    /** Over a MicroProfile Config (in the server: environment, system properties, the modules' defaults). */
    public static ConfigReader of(Config config) {
        return new ConfigReader(key -> config.getOptionalValue(key, String.class).filter(v -> !v.isBlank()));
    }

    /** The server's configuration as seen by the module that holds {@code type}. */
    public static ConfigReader forModuleOf(Class<?> type) {
        return of(ConfigProvider.getConfig(type.getClassLoader()));
    }

    /**
     * Outside a server (tests, benchmarks, tools), with the same precedence as MicroProfile Config:
     * {@code values} first, then system properties, environment variables, and the defaults files
     * on the class path.
     */
    public static ConfigReader standalone(Map<String, String> values) {
        Map<String, String> defaults = classpathDefaults();
        Map<String, String> explicit = Map.copyOf(values);
        Function<String, Optional<String>> raw = key -> Optional.ofNullable(explicit.get(key))
                .or(() -> Optional.ofNullable(System.getProperty(key)))
                .or(() -> Optional.ofNullable(System.getenv(environmentName(key))))
                .or(() -> Optional.ofNullable(defaults.get(key)))
                .filter(v -> !v.isBlank());
        return new ConfigReader(key -> raw.apply(key).map(v -> expand(v, raw)));
    }

    public static ConfigReader standalone() {
        return standalone(Map.of());
    }

    /** The environment variable MicroProfile Config maps to a key: tokyoia.lake.s3.path-style is TOKYOIA_LAKE_S3_PATH_STYLE. */
    public static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    public Optional<String> optionalText(String key) {
        return lookup.apply(key).map(String::trim);
    }

    public String text(String key) {
        return optionalText(key).orElseThrow(() -> new InvalidSettingException(key, "is required but not set"));
    }

    public int integer(String key, int min, int max) {
        return (int) whole(key, min, max);
    }

    public long whole(String key, long min, long max) {
        return whole(key, text(key), min, max);
    }

    private static long whole(String key, String value, long min, long max) {
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, "must be a whole number, not '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new InvalidSettingException(key, "must be between " + min + " and " + max + ", not " + parsed);
        }
        return parsed;
    }

    public Duration duration(String key, ChronoUnit unit, long min, long max) {
        return Duration.of(whole(key, min, max), unit);
    }

    public BigDecimal decimal(String key, BigDecimal min, BigDecimal max) {
        return decimal(key, text(key), min, max);
    }

    private static BigDecimal decimal(String key, String value, BigDecimal min, BigDecimal max) {
        BigDecimal parsed;
        try {
            parsed = new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, "must be a decimal number, not '" + value + "'");
        }
        if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
            throw new InvalidSettingException(key, "must be between " + min + " and " + max + ", not " + parsed);
        }
        return parsed;
    }

    /** Whole numbers per name, written "name=N,other=M" (unset or empty: none). */
    public Map<String, Long> namedWholes(String key, long min, long max) {
        return named(key, value -> whole(key, value, min, max));
    }

    /** Decimal numbers per name, written "name=1.5,other=20" (unset or empty: none). */
    public Map<String, BigDecimal> namedDecimals(String key, BigDecimal min, BigDecimal max) {
        return named(key, value -> decimal(key, value, min, max));
    }

    private <T> Map<String, T> named(String key, Function<String, T> parse) {
        Map<String, T> values = new LinkedHashMap<>();
        for (String entry : optionalText(key).orElse("").split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.split("=", 2);
            if (parts.length != 2 || parts[0].isBlank()) {
                throw new InvalidSettingException(key, "must be name=value pairs separated by commas, not '" + entry.trim() + "'");
            }
            if (values.put(parts[0].trim(), parse.apply(parts[1].trim())) != null) {
                throw new InvalidSettingException(key, "names " + parts[0].trim() + " twice");
            }
        }
        return Collections.unmodifiableMap(values);
    }

    public boolean flag(String key) {
        String value = text(key).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidSettingException(key, "must be true or false, not '" + value + "'");
        };
    }

    /** One of an enum's constants, written in lower case with dashes (GLUE_PROJECTION is glue-projection). */
    public <E extends Enum<E>> E choice(String key, Class<E> type) {
        String value = text(key);
        for (E constant : type.getEnumConstants()) {
            if (spelling(constant).equals(value.toLowerCase(Locale.ROOT))) {
                return constant;
            }
        }
        throw new InvalidSettingException(key, "must be one of " + Arrays.stream(type.getEnumConstants())
                .map(ConfigReader::spelling).toList() + ", not '" + value + "'");
    }

    public static String spelling(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * An endpoint of an AWS service (or an S3-compatible server standing in for one): HTTPS, so that
     * credentials and data never cross a network in clear; plain HTTP only to a server on this
     * machine (a local stand-in such as S3Proxy on 127.0.0.1).
     */
    public Optional<URI> optionalAwsEndpoint(String key) {
        Optional<URI> endpoint = optionalUri(key);
        endpoint.ifPresent(uri -> {
            boolean local = uri.getHost() != null && LOOPBACK.matcher(uri.getHost()).matches();
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !("http".equalsIgnoreCase(uri.getScheme()) && local)) {
                throw new InvalidSettingException(key, "must be an https URL (plain http only to this machine: localhost, "
                        + "127.0.0.1, [::1]), not '" + uri + "'");
            }
        });
        return endpoint;
    }

    public Optional<URI> optionalUri(String key) {
        return optionalText(key).map(value -> {
            try {
                URI uri = new URI(value);
                if (uri.getScheme() == null) {
                    throw new InvalidSettingException(key, "must be an absolute URI, not '" + value + "'");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw new InvalidSettingException(key, "is not a URI: " + e.getMessage());
            }
        });
    }

    private static String expand(String value, Function<String, Optional<String>> raw) {
        Matcher m = EXPRESSION.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = raw.apply(m.group(1)).orElse(m.group(2) == null ? "" : m.group(2));
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Map<String, String> classpathDefaults() {
        Map<String, String> defaults = new HashMap<>();
        ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                .orElse(ConfigReader.class.getClassLoader());
        try {
            for (URL url : Collections.list(loader.getResources(DEFAULTS))) {
                Properties properties = new Properties();
                try (InputStream in = url.openStream()) {
                    properties.load(in);
                }
                properties.stringPropertyNames().forEach(k -> defaults.putIfAbsent(k, properties.getProperty(k)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + DEFAULTS + " from the class path", e);
        }
        return defaults;
    }
}

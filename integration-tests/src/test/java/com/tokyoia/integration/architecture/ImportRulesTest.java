package com.tokyoia.integration.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The import rules of ARCHITECTURE.md over the compiled classes of every module of the reactor
 * (production and tests; the clock rule covers both), and proof that each rule fails when broken:
 * the classes in the {@code archviolations} packages break them on purpose and are checked apart.
 */
class ImportRulesTest {
    /** Packages of classes that break the rules on purpose; kept out of the real check. */
    private static final String VIOLATIONS = "/archviolations/";
    private static JavaClasses production;
    private static JavaClasses everything;
    private static JavaClasses violations;

    @BeforeAll
    static void importClasses() throws IOException {
        Path root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
        List<Path> main = new ArrayList<>();
        List<Path> tests = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
                if (Files.isDirectory(module.resolve("target/classes"))) {
                    main.add(module.resolve("target/classes"));
                }
                if (Files.isDirectory(module.resolve("target/test-classes"))) {
                    tests.add(module.resolve("target/test-classes"));
                }
            }
        }
        assertThat(main).as("compiled modules under " + root).hasSizeGreaterThanOrEqualTo(7);
        ImportOption notViolations = location -> !location.contains(VIOLATIONS);
        production = new ClassFileImporter().withImportOption(notViolations).importPaths(main);
        List<Path> all = new ArrayList<>(main);
        all.addAll(tests);
        everything = new ClassFileImporter().withImportOption(notViolations).importPaths(all);
        violations = new ClassFileImporter().withImportOption(location -> location.contains(VIOLATIONS)).importPaths(tests);
    }

    @Test
    void modulesUseOnlyTheModulesBelowThem() {
        assertThat(production.stream().map(c -> c.getPackageName()).filter(p -> p.startsWith("com.tokyoia.analytics")))
                .as("analytics classes were imported").isNotEmpty();
        ArchitectureRules.modules().forEach(rule -> rule.check(production));
    }

    @Test
    void insideEachModulePortsPointInward() {
        ArchitectureRules.layers().forEach(rule -> rule.check(production));
    }

    @Test
    void onlyTheClockProviderReadsTheMachinesClockInProductionAndTestCode() {
        ArchitectureRules.oneClock().check(everything);
    }

    @Test
    void eachRuleFailsWhenItIsBroken() {
        assertThat(violations.size()).isGreaterThanOrEqualTo(3);
        assertViolated(ArchitectureRules.modules().get(4), "AnalyticsUsingTheEtl");
        assertViolated(ArchitectureRules.layers().get(1), "ApplicationUsingInfrastructure");
        assertViolated(ArchitectureRules.oneClock(), "ReadsTheWallClock");
    }

    private static void assertViolated(ArchRule rule, String offender) {
        EvaluationResult result = rule.evaluate(violations);
        assertThat(result.hasViolation()).as(rule.getDescription() + " catches " + offender).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains(offender));
    }
}

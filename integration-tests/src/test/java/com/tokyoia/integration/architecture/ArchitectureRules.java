package com.tokyoia.integration.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * The project's import rules (ARCHITECTURE.md), as ArchUnit rules: which module may use which,
 * ports inward inside each module, and the one clock.
 */
final class ArchitectureRules {
    static final String PLATFORM = "com.tokyoia.platform..";
    static final String PERSISTENCE = "com.tokyoia.persistence..";
    static final String LAKE = "com.tokyoia.lake..";
    static final String ETL = "com.tokyoia.etl..";
    static final String ANALYTICS = "com.tokyoia.analytics..";
    static final String WEB = "com.tokyoia.web..";
    static final String TESTING = "com.tokyoia.testing..";

    /** The only class allowed to read the machine's clock. */
    static final String CLOCK_PROVIDER = "com.tokyoia.platform.time.SystemTime";

    private ArchitectureRules() {
    }

    /** Module dependencies: each module may use only those below it. */
    static List<ArchRule> modules() {
        return List.of(
                noClasses().that().resideInAPackage(PLATFORM).should().dependOnClassesThat()
                        .resideInAnyPackage(PERSISTENCE, LAKE, ETL, ANALYTICS, WEB, TESTING)
                        .as("platform uses no other module"),
                noClasses().that().resideInAPackage(PERSISTENCE).should().dependOnClassesThat()
                        .resideInAnyPackage(LAKE, ETL, ANALYTICS, WEB, TESTING)
                        .as("persistence uses only platform"),
                noClasses().that().resideInAPackage(LAKE).should().dependOnClassesThat()
                        .resideInAnyPackage(PERSISTENCE, ETL, ANALYTICS, WEB, TESTING)
                        .as("lake uses only platform (the hot store is not its business)"),
                noClasses().that().resideInAPackage(ETL).should().dependOnClassesThat()
                        .resideInAnyPackage(ANALYTICS, WEB, TESTING)
                        .as("the ETL uses platform, persistence and lake, never analytics or web"),
                noClasses().that().resideInAPackage(ANALYTICS).should().dependOnClassesThat()
                        .resideInAnyPackage(ETL, PERSISTENCE, WEB, TESTING)
                        .as("analytics uses platform and lake, never the ETL (it reads the lake through the lake module)"),
                noClasses().that().resideInAPackage(WEB).should().dependOnClassesThat()
                        .resideInAnyPackage(TESTING)
                        .as("nothing in production uses the test fixtures"));
    }

    /** Inside every module: domain knows nothing outside itself, application knows ports, not adapters. */
    static List<ArchRule> layers() {
        return List.of(
                noClasses().that().resideInAPackage("com.tokyoia..domain..").should().dependOnClassesThat()
                        .resideInAnyPackage("com.tokyoia..application..", "com.tokyoia..infrastructure..",
                                "com.tokyoia..interfaces..")
                        .as("domain depends on no application, infrastructure or interfaces package"),
                noClasses().that().resideInAPackage("com.tokyoia..application..").should().dependOnClassesThat()
                        .resideInAnyPackage("com.tokyoia..infrastructure..", "com.tokyoia..interfaces..")
                        .as("application depends on ports, not on infrastructure or interfaces"),
                noClasses().that().resideInAPackage("com.tokyoia..infrastructure..").should().dependOnClassesThat()
                        .resideInAnyPackage("com.tokyoia..interfaces..")
                        .as("infrastructure does not call the entry points"));
    }

    /** No code reads the machine's clock except the clock provider: everything else is handed a Clock. */
    static ArchRule oneClock() {
        return noClasses().that().doNotHaveFullyQualifiedName(CLOCK_PROVIDER)
                .should().callMethodWhere(readsTheSystemClock())
                .orShould().callConstructorWhere(readsTheSystemClockToo())
                .as("only " + CLOCK_PROVIDER + " reads the machine's clock (Instant.now(), LocalDate.now(), "
                        + "System.currentTimeMillis(), Clock.systemUTC(), new Date()...); take a Clock instead");
    }

    private static final Set<Class<?>> TIME_TYPES = Set.of(Instant.class, LocalDate.class, LocalDateTime.class,
            LocalTime.class, OffsetDateTime.class, ZonedDateTime.class, Year.class, YearMonth.class);

    private static DescribedPredicate<JavaCall<?>> readsTheSystemClock() {
        return new DescribedPredicate<>("reads the system clock") {
            @Override
            public boolean test(JavaCall<?> call) {
                JavaClass owner = call.getTargetOwner();
                String name = call.getName();
                List<JavaClass> parameters = call.getTarget().getRawParameterTypes();
                boolean nowWithoutClock = name.equals("now") && TIME_TYPES.stream().anyMatch(owner::isEquivalentTo)
                        && parameters.stream().noneMatch(p -> p.isEquivalentTo(Clock.class));
                boolean systemClock = owner.isEquivalentTo(Clock.class)
                        && (name.equals("systemUTC") || name.equals("systemDefaultZone") || name.equals("system"));
                boolean millis = owner.isEquivalentTo(System.class) && name.equals("currentTimeMillis");
                return nowWithoutClock || systemClock || millis;
            }
        };
    }

    private static DescribedPredicate<JavaCall<?>> readsTheSystemClockToo() {
        return new DescribedPredicate<>("creates a Date of the current time") {
            @Override
            public boolean test(JavaCall<?> call) {
                return call.getTargetOwner().isEquivalentTo(Date.class) && call.getTarget().getRawParameterTypes().isEmpty();
            }
        };
    }
}

package com.omnicanal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.elements.GivenClassesConjunction;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Domain code is plain Java: the capability packages themselves import no AWS, Spring, Twilio or JSON library; and all
 * time comes from the injected Clock, read from the wall only where the container is composed.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.omnicanal");

    /**
     * The classes of every capability's own package (its domain, ports and services): each package right under
     * com.omnicanal but the technical kits, so that a new capability is held to these rules without being listed.
     */
    private static GivenClassesConjunction capabilityPackages() {
        return noClasses().that().resideInAPackage("com.omnicanal.*")
                .and().resideOutsideOfPackages("com.omnicanal.api", "com.omnicanal.infrastructure", "com.omnicanal.dynamodblocal");
    }

    @Test
    void domainPackagesDependOnNoFrameworkOrCloudSdk() {
        capabilityPackages()
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..",
                        "org.springframework..", "com.twilio..", "com.fasterxml..", "jakarta.mail..", "com.samskivert..", "com.nimbusds..",
                        "com.omnicanal.infrastructure..")
                .check(CLASSES);
    }

    @Test
    void domainDoesNotReachIntoAdapters() {
        capabilityPackages()
                .should().dependOnClassesThat().resideInAnyPackage("..dynamo..", "..api..", "..seed..", "..twilio..",
                        "..mail..", "..templates..", "..payments..", "..jwt..")
                .check(CLASSES);
    }

    /** The composition roots: they choose the system clock that everything else is given. */
    private static final Set<String> COMPOSITION_ROOTS = Set.of("com.omnicanal.Wiring", "com.omnicanal.OmnicanalApplication",
            "com.omnicanal.Warmup");

    private static final DescribedPredicate<JavaMethodCall> READS_THE_WALL_CLOCK = DescribedPredicate.describe(
            "read the wall clock (X.now(), System.currentTimeMillis(), Clock.system*())", call -> {
                var owner = call.getTargetOwner();
                var name = call.getName();
                if (owner.isEquivalentTo(System.class)) return name.equals("currentTimeMillis");
                if (owner.isEquivalentTo(Clock.class)) return name.startsWith("system");
                return name.equals("now") && (owner.isEquivalentTo(Instant.class) || owner.isEquivalentTo(LocalDate.class)
                        || owner.isEquivalentTo(LocalDateTime.class) || owner.isEquivalentTo(LocalTime.class)
                        || owner.isEquivalentTo(ZonedDateTime.class) || owner.isEquivalentTo(OffsetDateTime.class));
            });

    @Test
    void timeComesFromTheInjectedClockOutsideTheCompositionRoots() {
        noClasses().that(DescribedPredicate.describe("are not a composition root",
                        (com.tngtech.archunit.core.domain.JavaClass c) -> !COMPOSITION_ROOTS.contains(c.getName())
                                && !COMPOSITION_ROOTS.contains(c.getName().split("\\$")[0])))
                .should().callMethodWhere(READS_THE_WALL_CLOCK)
                .check(CLASSES);
    }
}

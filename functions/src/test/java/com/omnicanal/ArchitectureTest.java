package com.omnicanal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Domain code is plain Java: the capability packages themselves import no AWS, Spring, Twilio or JSON library. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.omnicanal");

    @Test
    void domainPackagesDependOnNoFrameworkOrCloudSdk() {
        noClasses().that().resideInAnyPackage("com.omnicanal.shared", "com.omnicanal.catalog", "com.omnicanal.stock",
                        "com.omnicanal.reservation", "com.omnicanal.outbox", "com.omnicanal.messaging",
                        "com.omnicanal.order", "com.omnicanal.returns", "com.omnicanal.customer",
                        "com.omnicanal.feedback")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..",
                        "org.springframework..", "com.twilio..", "com.fasterxml..", "jakarta.mail..", "com.samskivert..", "com.nimbusds..",
                        "com.omnicanal.infrastructure..")
                .check(CLASSES);
    }

    @Test
    void domainDoesNotReachIntoAdapters() {
        noClasses().that().resideInAnyPackage("com.omnicanal.shared", "com.omnicanal.catalog", "com.omnicanal.stock",
                        "com.omnicanal.reservation", "com.omnicanal.outbox", "com.omnicanal.messaging",
                        "com.omnicanal.order", "com.omnicanal.returns", "com.omnicanal.customer",
                        "com.omnicanal.feedback")
                .should().dependOnClassesThat().resideInAnyPackage("..dynamo..", "..api..", "..seed..", "..twilio..",
                        "..mail..", "..templates..", "..payments..", "..jwt..")
                .check(CLASSES);
    }
}

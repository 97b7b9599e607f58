package org.thinktrace;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the package rules of DESIGN.md: each package a room with one job. */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.thinktrace");

    @Test
    void onlyTheUiUsesJavaFx() {
        noClasses().that().resideOutsideOfPackage("org.thinktrace.ui..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .allowEmptyShould(true)
                .check(MAIN);
    }

    @Test
    void lowerLayersDoNotReachUp() {
        noClasses().that().resideInAnyPackage("org.thinktrace.model..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.thinktrace.text..", "org.thinktrace.generate..", "org.thinktrace.chat..",
                        "org.thinktrace.inspect..", "org.thinktrace.train..", "org.thinktrace.cli..", "org.thinktrace.ui..")
                .allowEmptyShould(true)
                .check(MAIN);
        noClasses().that().resideInAnyPackage("org.thinktrace.text..", "org.thinktrace.generate..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.thinktrace.chat..", "org.thinktrace.inspect..", "org.thinktrace.train..",
                        "org.thinktrace.cli..", "org.thinktrace.ui..")
                .allowEmptyShould(true)
                .check(MAIN);
        noClasses().that().resideInAnyPackage("org.thinktrace.serve..", "org.thinktrace.remote..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.thinktrace.chat..", "org.thinktrace.train..", "org.thinktrace.cli..", "org.thinktrace.ui..")
                .allowEmptyShould(true)
                .check(MAIN);
        noClasses().that().resideInAnyPackage("org.thinktrace.remote..")
                .should().dependOnClassesThat().resideInAnyPackage("org.thinktrace.serve..", "org.thinktrace.inspect..")
                .allowEmptyShould(true)
                .check(MAIN);
        noClasses().that().resideInAnyPackage("org.thinktrace.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("org.thinktrace.cli..", "org.thinktrace.train..")
                .allowEmptyShould(true)
                .check(MAIN);
    }
}

package dev.rewind.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package structure as a rule, over the compiled classes of rewind-api and rewind-ejb: no package
 * depends on another that depends back on it, and the API depends on nothing but itself.
 */
class PackageDependenciesTest {

    private static JavaClasses rewind;

    @BeforeAll
    static void importClasses() {
        rewind = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.rewind");
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.rewind.(*)..").should().beFreeOfCycles().check(rewind);
    }

    @Test
    void theApiAndTheSpiDependOnNothingOfTheImplementation() {
        noClasses().that().resideInAnyPackage("dev.rewind.api..", "dev.rewind.spi..")
                .should().dependOnClassesThat().resideOutsideOfPackages("dev.rewind.api..", "dev.rewind.spi..",
                        "java..", "jakarta..")
                .check(rewind);
    }

    @Test
    void theImportFoundBothJars() {
        // A rule over no classes passes: make sure both modules' classes were there to check.
        org.junit.jupiter.api.Assertions.assertTrue(rewind.contain("dev.rewind.api.RewindRemote"));
        org.junit.jupiter.api.Assertions.assertTrue(rewind.contain("dev.rewind.operations.RewindService"));
    }
}

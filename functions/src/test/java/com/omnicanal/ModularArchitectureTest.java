package com.omnicanal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.infrastructure.dynamo.TableNames;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The boundaries between capabilities (the top-level packages under {@code com.omnicanal}: catalog, stock,
 * reservation, order, returns, customer, feedback, messaging, outbox, shared). A capability's public API is:
 * <ul>
 *   <li>the types of its root package (its records, ports, policies, exceptions), except its services: a
 *       {@code *Service} is the entry point of the capability's own adapters and of the composition roots, so another
 *       capability asks for what it needs through a port the owner publishes (reservation's {@code ReservationDesk});
 *   <li>for another capability's DynamoDB adapter only: the few classes of its {@code dynamo} package listed in
 *       {@link #TABLE_PARTS}, the writes and checks that join a transaction written elsewhere (an outbox message, the
 *       customer-not-erased check, a stock hold). Everything else under {@code .dynamo}, {@code .api}, {@code .seed},
 *       {@code .twilio}... stays inside its capability.
 * </ul>
 * The composition roots (the classes directly in {@code com.omnicanal}: Wiring, OmnicanalApplication, Messaging, Warmup,
 * Priming) see everything. {@code infrastructure} and {@code api} (problems and callers for every {@code .api} adapter)
 * are technical kits, not capabilities. The services' string constants are inlined by the compiler, so no rule can
 * see them: use the owner's message kinds through its port or event, not its service's constants.
 */
class ModularArchitectureTest {
    private static final String ROOT = "com.omnicanal";
    private static final Set<String> KITS = Set.of("infrastructure", "api");

    /** What another capability's adapter may write or check in its own transaction. */
    private static final Set<String> TABLE_PARTS = Set.of(
            "com.omnicanal.outbox.dynamo.OutboxItems",
            "com.omnicanal.customer.dynamo.ErasureMarks",
            "com.omnicanal.customer.dynamo.CustomerKeys",
            "com.omnicanal.stock.dynamo.StockWrites",
            "com.omnicanal.reservation.dynamo.ReservationWrites",
            "com.omnicanal.order.dynamo.PaymentWrites",
            "com.omnicanal.order.dynamo.PlaceLoads",
            "com.omnicanal.reward.dynamo.RewardItems");

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void capabilitiesUseEachOtherOnlyThroughTheirPublicApi() {
        classes().that(DescribedPredicate.describe("are in a capability", (JavaClass c) -> capability(c).isPresent()))
                .should(new ArchCondition<>("use another capability only through its public API") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        var from = capability(origin).orElseThrow();
                        for (var dependency : origin.getDirectDependenciesFromSelf()) {
                            var target = dependency.getTargetClass().getBaseComponentType();
                            var to = capability(target);
                            if (to.isEmpty() || to.get().equals(from) || isPublished(target, origin)) continue;
                            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                        }
                    }
                })
                .check(CLASSES);
    }

    @Test
    void capabilitiesHaveNoCycles() {
        slices().assignedFrom(new SliceAssignment() {
                    @Override
                    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                        return capability(javaClass).map(SliceIdentifier::of).orElse(SliceIdentifier.ignore());
                    }

                    @Override
                    public String getDescription() {
                        return "capabilities";
                    }
                })
                .should().beFreeOfCycles()
                .check(CLASSES);
    }

    @Test
    void theListedTablePartsExist() {
        assertThat(TABLE_PARTS).allMatch(CLASSES::contain);
    }

    /** Stock's table is written by stock's expressions only: another capability puts stock's StockWrites in its transaction. */
    @Test
    void onlyStockNamesTheStockTable() {
        noClasses().that(DescribedPredicate.describe("are outside stock",
                        (JavaClass c) -> capability(c).filter(name -> !name.equals("stock")).isPresent()))
                .should().callMethodWhere(DescribedPredicate.describe("read the Stock table's name",
                        (JavaMethodCall call) -> call.getTargetOwner().isEquivalentTo(TableNames.class)
                                && call.getName().equals("stock")))
                .check(CLASSES);
    }

    private static boolean isPublished(JavaClass target, JavaClass origin) {
        var top = topLevel(target);
        if (top.getPackageName().equals(ROOT + "." + capability(target).orElseThrow())) {
            return !top.getSimpleName().endsWith("Service");
        }
        return TABLE_PARTS.contains(top.getName()) && origin.getPackageName().endsWith(".dynamo");
    }

    private static JavaClass topLevel(JavaClass c) {
        var top = c;
        while (top.getEnclosingClass().isPresent()) top = top.getEnclosingClass().get();
        return top;
    }

    /** The capability a class belongs to, empty for the composition roots, the kits and anything outside the project. */
    static Optional<String> capability(JavaClass c) {
        var name = c.getPackageName();
        if (!name.startsWith(ROOT + ".")) return Optional.empty();
        var first = name.substring(ROOT.length() + 1).split("\\.")[0];
        return KITS.contains(first) ? Optional.empty() : Optional.of(first);
    }
}

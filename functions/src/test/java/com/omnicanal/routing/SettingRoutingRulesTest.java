package com.omnicanal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.testing.MutableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class SettingRoutingRulesTest {
    /** The book in memory, with the DynamoDB one's condition: a version is written only over the one it follows. */
    static final class Book implements RoutingRulesBook {
        final List<RoutingRules> versions = new ArrayList<>();

        @Override
        public synchronized Optional<RoutingRules> current() {
            return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
        }

        @Override
        public synchronized List<RoutingRules> versions() {
            return List.copyOf(versions);
        }

        @Override
        public synchronized boolean publish(RoutingRules next, int previousVersion) {
            if (current().map(RoutingRules::version).orElse(0) != previousVersion) return false;
            versions.add(next);
            return true;
        }
    }

    final Book book = new Book();
    final SettingRoutingRules setting = new SettingRoutingRules(book, new MutableClock(java.time.Instant.parse("2026-06-01T10:00:00Z")));
    final Actor ops = Actor.ops("ops-1");

    @Test
    void everyChangeIsANewVersionAndTheDefaultsComeFirst() {
        assertThat(setting.inForce().version()).isZero();
        var draft = new RoutingRules(null, 2, true, 2, 0, Map.of("paris-rivoli", 3), 15, Map.of(),
                List.of(RoutingRules.Sort.DISTANCE), null, null);

        var first = setting.set(ops, draft);
        var second = setting.set(ops, draft);

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.setBy()).isEqualTo("ops-1");
        assertThat(setting.inForce()).isEqualTo(second);
        assertThat(setting.versions(ops)).containsExactly(first, second);
    }

    @Test
    void badRulesChangeNothing() {
        var bad = new RoutingRules(null, 9, null, -1, 0, Map.of(), 10, Map.of(),
                List.of(RoutingRules.Sort.DISTANCE, RoutingRules.Sort.DISTANCE), null, null);

        assertThatThrownBy(() -> setting.set(ops, bad)).isInstanceOfSatisfying(DomainException.InvalidInput.class,
                e -> assertThat(e.violations()).extracting(DomainException.Violation::field)
                        .contains("maxShipments", "allowPartial", "storeSafetyStock", "sorts"));
        assertThat(book.versions()).isEmpty();
    }

    @Test
    void onlyOpsSetTheRules() {
        assertThatThrownBy(() -> setting.set(Actor.staff("s", "paris-rivoli"), RoutingRules.defaults()))
                .isInstanceOf(DomainException.Forbidden.class);
        assertThat(book.versions()).isEmpty();
    }
}

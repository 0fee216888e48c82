package com.omnicanal.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/** Whatever the events and their timing, a customer is asked at most once per 30 days, and once per event. */
@AddLifecycleHook(DynamoDbLocalPerClass.InContainer.class)
class FatigueProperties {
    private static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();

    /** An event {@code hoursLater} after the previous one; {@code replay} sends the previous event again. */
    record Step(int hoursLater, int trigger, boolean replay) {
    }

    @Property(tries = 25)
    void neverTwiceWithinThirtyDays(@ForAll("steps") List<Step> steps) {
        var fx = new FeedbackFixture(dynamo.client());
        var ops = com.omnicanal.shared.Actor.ops("ops");
        var all = Set.of(Questionnaire.Trigger.ORDER_COLLECTED, Questionnaire.Trigger.RETURN_RECEIVED,
                Questionnaire.Trigger.RESERVATION_COMPLETED);
        var q = FeedbackFixture.pickup(all, null);
        fx.managingQuestionnaires.create(ops, new Questionnaire(null, "q", 0, q.questions(), q.activeFrom(), null,
                new Questionnaire.Targeting(all, null, null, null, null, null, null, null, null, 1.0, 0), null, null));
        fx.customer("cust-camille", "fr", ChannelKind.EMAIL);
        Instant lastSent = null;
        int expected = 0;
        int event = 0;
        int trigger = 0;
        for (var step : steps) {
            fx.backend.clock.advance(Duration.ofHours(step.hoursLater()));
            var now = fx.backend.clock.instant();
            boolean fresh = !step.replay() || event == 0;
            if (fresh) {
                event++;
                trigger = step.trigger();
            }
            // a replay is the same event delivered again: same trigger, same id
            var id = "e" + event;
            fx.schedulingQuestionnaires.happened(switch (trigger) {
                case 0 -> new BusinessEvent.OrderCollected(id, "cust-camille", "paris-rivoli", Set.of(), now);
                case 1 -> new BusinessEvent.ReturnReceived(id, "cust-camille", "paris-rivoli", Set.of(), now);
                default -> new BusinessEvent.ReservationCompleted(id, "cust-camille", "paris-rivoli", "TSH-COT-BLU-M", now);
            });
            // the model: a new event is sent if the last invitation sent is more than 30 days old; a replay never is
            if (fresh && (lastSent == null || lastSent.isBefore(now.minus(Duration.ofDays(30))))) {
                lastSent = now;
                expected++;
            }
            fx.sendingInvitations.sweep();
        }
        var sent = fx.outbox(SendingInvitations.INVITATION).stream().map(m -> Instant.parse(m.get("createdAt").s())).toList();
        assertThat(sent).hasSize(expected);
        for (int i = 1; i < sent.size(); i++) {
            assertThat(Duration.between(sent.get(i - 1), sent.get(i))).isGreaterThan(Duration.ofDays(30));
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        var step = net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 24 * 40),
                Arbitraries.integers().between(0, 2), Arbitraries.of(false, false, false, true)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(12);
    }
}

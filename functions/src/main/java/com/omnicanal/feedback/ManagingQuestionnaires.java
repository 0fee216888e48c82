package com.omnicanal.feedback;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.Ids;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Ops write questionnaires; every change is a new version, and answers keep the version they answered. */
public final class ManagingQuestionnaires {
    private final FeedbackStore store;
    private final Clock clock;

    public ManagingQuestionnaires(FeedbackStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Questionnaire create(Actor actor, Questionnaire draft) {
        requireOps(actor);
        QuestionnaireRules.validate(draft);
        var q = new Questionnaire("q-" + Ids.newId().toLowerCase(Locale.ROOT), draft.name().strip(), 1,
                draft.questions(), draft.activeFrom(), draft.activeTo(), draft.targeting(), draft.reward(), now());
        if (!store.save(q, 0)) throw new IllegalStateException("questionnaire id collision " + q.id());
        return q;
    }

    public Questionnaire update(Actor actor, String id, Questionnaire draft) {
        var current = get(actor, id);
        QuestionnaireRules.validate(draft);
        var next = new Questionnaire(id, draft.name().strip(), current.version() + 1, draft.questions(), draft.activeFrom(),
                draft.activeTo(), draft.targeting(), draft.reward(), now());
        if (!store.save(next, current.version())) {
            throw new DomainException.InvalidState("questionnaire " + id + " was changed meanwhile: read it again");
        }
        return next;
    }

    public Questionnaire get(Actor actor, String id) {
        requireOps(actor);
        return store.questionnaire(id).orElseThrow(() -> new DomainException.NotFound("no questionnaire " + id));
    }

    public List<Questionnaire> list(Actor actor) {
        requireOps(actor);
        return store.questionnaires().stream().sorted(Comparator.comparing(Questionnaire::id)).toList();
    }

    private static void requireOps(Actor actor) {
        if (actor.role() != Actor.Role.OPS) throw new DomainException.Forbidden("only ops manage questionnaires");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

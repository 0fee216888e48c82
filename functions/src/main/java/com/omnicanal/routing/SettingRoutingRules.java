package com.omnicanal.routing;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Ops set the routing rules; every change is a new version and decisions keep the version they followed. */
public final class SettingRoutingRules {
    private final RoutingRulesBook book;
    private final Clock clock;

    public SettingRoutingRules(RoutingRulesBook book, Clock clock) {
        this.book = book;
        this.clock = clock;
    }

    /** The rules in force: ops' newest version, or the defaults (version 0) before they set any. */
    public RoutingRules inForce() {
        return book.current().orElseGet(RoutingRules::defaults);
    }

    public RoutingRules set(Actor actor, RoutingRules draft) {
        requireOps(actor);
        draft.validate();
        int previous = inForce().version();
        var next = draft.asVersion(previous + 1, clock.instant().truncatedTo(ChronoUnit.MILLIS), actor.id());
        if (!book.publish(next, previous)) {
            throw new DomainException.InvalidState("the routing rules were changed meanwhile: read them again");
        }
        return next;
    }

    public RoutingRules current(Actor actor) {
        requireOps(actor);
        return inForce();
    }

    public List<RoutingRules> versions(Actor actor) {
        requireOps(actor);
        return book.versions();
    }

    private static void requireOps(Actor actor) {
        if (actor.role() != Actor.Role.OPS) throw new DomainException.Forbidden("only ops set the routing rules");
    }
}

package com.omnicanal.routing;

import java.util.List;
import java.util.Optional;

/** Port: the versions of the routing rules, newest last. */
public interface RoutingRulesBook {
    /** The version in force, if ops ever set one. */
    Optional<RoutingRules> current();

    /** Every version, oldest first. */
    List<RoutingRules> versions();

    /** Writes the next version only if {@code previousVersion} is still the newest (0: none yet); false otherwise. */
    boolean publish(RoutingRules next, int previousVersion);
}

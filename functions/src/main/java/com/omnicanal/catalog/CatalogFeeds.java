package com.omnicanal.catalog;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Port: where feeds are applied. A run of a feed holds an epoch (the catalogue's run counter when it began); every
 * write of a run is refused once a newer run began, so a run cut short and a newer feed never mix; a batch's products
 * and its progress record are written together, so a run resumes after its last recorded batch; and what a run writes
 * is sold only once it completes, all at once, so a crash half-way never leaves half a feed on sale.
 */
public interface CatalogFeeds {
    /** A feed as recorded when its run began; {@code report} once COMPLETE. */
    record FeedRecord(String feedId, String fingerprint, long epoch, int lines, FeedReport.Status status,
                      Instant startedAt, FeedReport report) {
    }

    enum BatchOutcome { APPLIED, ALREADY_APPLIED, SUPERSEDED }

    /** A product as sold now ({@code before}, null when new) and as the feed will sell it. */
    record Change(Product before, Product after) {
    }

    /** Read consistently. */
    Optional<FeedRecord> feed(String feedId);

    /** The epoch of the run that began last (0 before any). */
    long currentEpoch();

    /**
     * Begins a run of the feed at {@code run.epoch()}, if the catalogue's epoch is still {@code previousEpoch} and the
     * feed is not recorded COMPLETE or with another fingerprint; false otherwise (read again and decide again).
     */
    boolean begin(FeedRecord run, long previousEpoch);

    /** The batches of this run already written. */
    List<FeedReport.BatchResult> batches(String feedId, long epoch);

    /** The products among these SKUs as sold now (not what a run in progress wrote), read consistently. */
    Map<String, Product> products(Collection<String> skus);

    /** Writes the batch's products and its result together, if the run is still the latest and the batch not yet written. */
    BatchOutcome applyBatch(String feedId, long epoch, FeedReport.BatchResult result, List<Change> changes, Instant at);

    /** The SKUs of every product sold now. */
    Set<String> sellable();

    /**
     * Discontinues those of these products still sold, counting them on the feed; empty when a newer run began, else
     * how many this call discontinued.
     */
    Optional<Integer> discontinue(String feedId, long epoch, Collection<String> skus, Instant at);

    /** Products this run discontinued so far. */
    int discontinued(String feedId, long epoch);

    /** Records the feed COMPLETE with its report and puts all it wrote on sale at once; false when a newer run began. */
    boolean complete(String feedId, long epoch, FeedReport report);
}

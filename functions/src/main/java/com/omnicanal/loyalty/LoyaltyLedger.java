package com.omnicanal.loyalty;

import com.omnicanal.shared.Page;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port: the programme's versions, members' accounts, ledgers and batches, and the store figures. */
public interface LoyaltyLedger {

    Optional<Programme> programme();

    /** Saves a version if the current one is still {@code previousVersion}. */
    boolean saveProgramme(Programme programme, int previousVersion);

    Optional<Account> account(String customerId);

    Optional<Batch> batch(String customerId, String batchId);

    /** The member's entries, oldest first, a page at a time. */
    Page<Entry> entries(String customerId, String cursor, int limit);

    /** The batches whose next step (release, warning, expiry) is due by {@code now}, soonest first. */
    List<Batch> due(Instant now, int limit);

    /** The member's open batches (pending or available), oldest first. */
    List<Batch> openBatches(String customerId);

    /** Every batch of the member, closed ones too. */
    List<Batch> batches(String customerId);

    /** Moves the member's entries to {@code to} (without their reason text when anonymising); how many. Safe to redo. */
    int moveEntries(String from, String to, boolean anonymise);

    /** The receipts that named {@code from} name {@code to}; how many. Safe to redo. */
    int moveReceipts(String from, String to);

    /**
     * In one write, only while both accounts are still as read: {@code from}'s account and batches go, {@code to}'s
     * account becomes {@code merged} and its batches {@code batches}. False when either changed meanwhile.
     */
    boolean replaceMember(Account from, Account to, List<Batch> fromBatches, Account merged, List<Batch> batches);

    /** Writes the posting whole or not at all. */
    Posting.Outcome post(Posting posting);

    /** The first answer of a redemption whose key came again with the same request; empty if it came with another. */
    Optional<RedeemingPoints.Redeemed> replay(com.omnicanal.shared.IdempotencyClaim claim);

    /** Figures per store and month: issued, redeemed, reversed, expired, adjusted. */
    Map<String, Long> figures(String storeId, YearMonth month);
}

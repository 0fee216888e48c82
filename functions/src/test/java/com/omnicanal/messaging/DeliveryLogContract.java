package com.omnicanal.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.outbox.Delivery;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.shared.DomainException;
import com.omnicanal.testing.Backend;
import com.omnicanal.testing.Race;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox as the dispatcher works it ({@link DeliveryLog}): its conditional status moves, leases, quiet-hours
 * deferrals, ranked delivery callbacks and lists. Run on DynamoDB Local and on the in-memory adapter, which must agree.
 */
public abstract class DeliveryLogContract {
    private static final Duration LEASE = Duration.ofMinutes(2);

    protected Backend backend;
    private DeliveryLog log;
    private Instant now;

    protected abstract Backend backend();

    @BeforeEach
    void emptyOutbox() {
        backend = backend();
        backend.reset();
        log = backend.deliveryLog();
        now = backend.clock().instant();
    }

    private OutboxMessage queue(String id, String customerId, Instant createdAt) {
        var message = new OutboxMessage(id, "RESERVATION_CONFIRMED", customerId, Delivery.transactional(), id, Map.of("reservationId", "R1", "code", "482913"), createdAt);
        backend.queue(message);
        return message;
    }

    private MessageRecord record(String id) {
        return log.find(id).orElseThrow();
    }

    @Test
    void aQueuedMessageIsPendingAndReadsBackAsWritten() {
        var message = queue("m-1", "cust-camille", now);

        var record = record("m-1");
        assertThat(record.status()).isEqualTo(MessageRecord.Status.PENDING);
        assertThat(record.message()).isEqualTo(message);
        assertThat(record.attempts()).isEmpty();
        assertThat(log.find("m-unknown")).isEmpty();
    }

    @Test
    void twentyFourDispatchersClaimingOneMessageAtOnceLeaveOneWinner() throws Exception {
        queue("m-1", "cust-camille", now);
        long won = Race.of(24).run(i -> log.claim("m-1", now, LEASE)).count(claim -> claim.value());

        assertThat(won).isEqualTo(1);
        assertThat(record("m-1").status()).isEqualTo(MessageRecord.Status.SENDING);
    }

    @Test
    void aSentOrFailedMessageIsNeverTakenAgain() {
        queue("m-sent", "cust-camille", now);
        queue("m-failed", "cust-camille", now);
        log.claim("m-sent", now, LEASE);
        log.markSent("m-sent", ChannelKind.SMS, "SM1", now);
        log.markFailed("m-failed", "no-channel", now);

        assertThat(log.claim("m-sent", now, LEASE)).isFalse();
        assertThat(log.claim("m-failed", now, LEASE)).isFalse();
        var sent = record("m-sent");
        assertThat(sent.status()).isEqualTo(MessageRecord.Status.SENT);
        assertThat(sent.channel()).isEqualTo(ChannelKind.SMS);
        assertThat(sent.providerId()).isEqualTo("SM1");
        assertThat(sent.delivery()).isEqualTo(DeliveryStatus.SENT);
        assertThat(record("m-failed").reason()).isEqualTo("no-channel");
        assertThat(log.redriveDue(now.plus(Duration.ofDays(1)), 10)).isZero();
    }

    @Test
    void aRetryWaitsItsTurnThenMayBeTakenAgain() {
        queue("m-1", "cust-camille", now);
        log.claim("m-1", now, LEASE);
        log.recordAttempt("m-1", new Attempt(ChannelKind.SMS, null, "failed", "20429", now));
        log.markRetry("m-1", "sms: busy", now.plusSeconds(30), now);

        var retry = record("m-1");
        assertThat(retry.status()).isEqualTo(MessageRecord.Status.RETRY);
        assertThat(retry.notBefore()).isEqualTo(now.plusSeconds(30));
        assertThat(retry.attempts()).containsExactly(new Attempt(ChannelKind.SMS, null, "failed", "20429", now));
        assertThat(log.claim("m-1", now.plusSeconds(31), LEASE)).isTrue();
    }

    @Test
    void aDeferredMessageComesBackWhenQuietHoursEnd() {
        queue("m-1", "cust-camille", now);
        var morning = now.plus(Duration.ofHours(9));
        log.defer("m-1", morning, now);

        assertThat(record("m-1").status()).isEqualTo(MessageRecord.Status.DEFERRED);
        assertThat(record("m-1").reason()).isEqualTo("quiet-hours");
        assertThat(log.redriveDue(morning.minusSeconds(1), 10)).isZero();
        assertThat(log.redriveDue(morning, 10)).isEqualTo(1);
        assertThat(record("m-1").status()).isEqualTo(MessageRecord.Status.PENDING);
        assertThat(log.redriveDue(morning, 10)).isZero();
    }

    @Test
    void onlyAWaitingMessageIsDeferred() {
        queue("m-1", "cust-camille", now);
        log.claim("m-1", now, LEASE);
        log.markSent("m-1", ChannelKind.EMAIL, "mail-1", now);

        log.defer("m-1", now.plus(Duration.ofHours(9)), now);

        assertThat(record("m-1").status()).isEqualTo(MessageRecord.Status.SENT);
    }

    @Test
    void aClaimWhoseDispatcherDiedIsRedrivenOnceItsLeaseRunsOut() {
        queue("m-1", "cust-camille", now);
        log.claim("m-1", now, LEASE);

        assertThat(log.redriveDue(now.plus(LEASE).minusSeconds(1), 10)).isZero();
        assertThat(log.redriveDue(now.plus(LEASE), 10)).isEqualTo(1);
        assertThat(record("m-1").status()).isEqualTo(MessageRecord.Status.PENDING);
        assertThat(log.claim("m-1", now.plus(LEASE), LEASE)).isTrue();
    }

    @Test
    void deliveryCallbacksNeverMoveAMessageBackwards() {
        queue("m-1", "cust-camille", now);
        queue("m-2", "cust-camille", now);
        log.markSent("m-1", ChannelKind.SMS, "SM1", now);
        log.markSent("m-2", ChannelKind.SMS, "SM2", now);

        assertThat(log.updateDelivery("SM1", DeliveryStatus.DELIVERED, null, now.plusSeconds(5))).isTrue();
        assertThat(log.updateDelivery("SM1", DeliveryStatus.SENT, null, now.plusSeconds(6))).isFalse();
        assertThat(log.updateDelivery("SM1", DeliveryStatus.FAILED, "30003", now.plusSeconds(7))).isFalse();
        assertThat(record("m-1").delivery()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(log.updateDelivery("SM1", DeliveryStatus.READ, null, now.plusSeconds(8))).isTrue();
        assertThat(record("m-1").delivery()).isEqualTo(DeliveryStatus.READ);

        assertThat(log.updateDelivery("SM2", DeliveryStatus.UNDELIVERED, "30005", now.plusSeconds(5))).isTrue();
        assertThat(record("m-2").errorCode()).isEqualTo("30005");
        assertThat(log.updateDelivery("SM-unknown", DeliveryStatus.DELIVERED, null, now)).isFalse();
    }

    @Test
    void aSpentCodeIsRedactedAndTheRestKept() {
        queue("m-1", "cust-camille", now);

        log.redact("m-1", "code");
        log.redact("m-1", "code");

        assertThat(record("m-1").message().templateData()).isEqualTo(Map.of("reservationId", "R1"));
    }

    @Test
    void anErasedCustomersMessageFailsAndKeepsNothingOfThem() {
        queue("m-1", "cust-camille", now);
        log.claim("m-1", now, LEASE);

        log.forget("m-1", "anon-1", now.plusSeconds(1));

        var forgotten = record("m-1");
        assertThat(forgotten.status()).isEqualTo(MessageRecord.Status.FAILED);
        assertThat(forgotten.reason()).isEqualTo("customer-erased");
        assertThat(forgotten.message().customerId()).isEqualTo("anon-1");
        assertThat(forgotten.message().templateData()).isEmpty();
        assertThat(log.byCustomer("cust-camille", null, 10).items()).isEmpty();
    }

    @Test
    void aWithheldMessageIsFinalKeepsItsReasonAndIsListedApartFromFailures() {
        queue("m-1", "cust-camille", now);
        assertThat(log.claim("m-1", now, LEASE)).isTrue();

        log.markWithheld("m-1", "fatigue-weekly-limit", now.plusSeconds(1));

        var withheld = record("m-1");
        assertThat(withheld.status()).isEqualTo(MessageRecord.Status.WITHHELD);
        assertThat(withheld.status().isFinal()).isTrue();
        assertThat(withheld.reason()).isEqualTo("fatigue-weekly-limit");
        assertThat(log.claim("m-1", now.plus(LEASE).plusSeconds(5), LEASE)).isFalse();
        assertThat(log.redriveDue(now.plus(LEASE).plusSeconds(5), 10)).isZero();
        assertThat(log.byStatus(MessageRecord.Status.WITHHELD, null, 10).items()).extracting(r -> r.message().id())
                .containsExactly("m-1");
        assertThat(log.byStatus(MessageRecord.Status.FAILED, null, 10).items()).isEmpty();
    }

    @Test
    void changesToAnUnknownMessageWriteNothing() {
        log.markSent("m-unknown", ChannelKind.SMS, "SM1", now);
        log.markFailed("m-unknown", "no-channel", now);
        log.markWithheld("m-unknown", "fatigue-min-gap", now);
        log.forget("m-unknown", "anon-1", now);

        assertThat(log.find("m-unknown")).isEmpty();
        assertThat(log.claim("m-unknown", now, LEASE)).isFalse();
        assertThat(backend.countItems()).containsEntry("Outbox", 0);
    }

    @Test
    void listsPageNewestFirstPerCustomerAndPerStatus() {
        for (int i = 0; i < 5; i++) queue("m-a" + i, "cust-a", now.plusSeconds(i));
        queue("m-b0", "cust-b", now.plusSeconds(10));
        log.markFailed("m-a1", "no-channel", now);

        var first = log.byCustomer("cust-a", null, 3);
        assertThat(first.items()).extracting(r -> r.message().id()).containsExactly("m-a4", "m-a3", "m-a2");
        var second = log.byCustomer("cust-a", first.nextCursor(), 3);
        assertThat(second.items()).extracting(r -> r.message().id()).containsExactly("m-a1", "m-a0");
        assertThat(second.nextCursor()).isNull();
        assertThat(log.byStatus(MessageRecord.Status.PENDING, null, 10).items()).extracting(r -> r.message().id())
                .containsExactly("m-b0", "m-a4", "m-a3", "m-a2", "m-a0");
        assertThat(log.byStatus(MessageRecord.Status.FAILED, null, 10).items()).hasSize(1);
        assertThatThrownBy(() -> log.byCustomer("cust-b", first.nextCursor(), 3))
                .isInstanceOf(DomainException.InvalidInput.class);
        assertThatThrownBy(() -> log.byCustomer("cust-a", "not a cursor", 3))
                .isInstanceOf(DomainException.InvalidInput.class);
    }
}

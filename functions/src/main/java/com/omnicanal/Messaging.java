package com.omnicanal;

import com.omnicanal.infrastructure.config.Secrets;
import com.omnicanal.infrastructure.config.Settings;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.infrastructure.http.Router;
import com.omnicanal.infrastructure.tracing.Tracing;
import com.omnicanal.messaging.Envelope;
import com.omnicanal.messaging.SendOutcome;
import com.omnicanal.messaging.Channel;
import com.omnicanal.messaging.Dispatcher;
import com.omnicanal.messaging.SentMessages;
import com.omnicanal.messaging.HandlingMailFeedback;
import com.omnicanal.messaging.MarketingFatigue;
import com.omnicanal.messaging.SmsKeywords;
import com.omnicanal.customer.dynamo.DynamoCustomers;
import com.omnicanal.messaging.api.MailFeedbackFunction;
import com.omnicanal.messaging.api.MessageRedrive;
import com.omnicanal.messaging.api.MessagingApi;
import com.omnicanal.messaging.api.OutboxDispatcher;
import com.omnicanal.messaging.dynamo.DynamoContactBook;
import com.omnicanal.messaging.dynamo.DynamoDeliveryLog;
import com.omnicanal.messaging.dynamo.DynamoMarketingAllowances;
import com.omnicanal.messaging.dynamo.DynamoSmsOptOuts;
import com.omnicanal.messaging.dynamo.DynamoUndeliverableAddresses;
import com.omnicanal.messaging.mail.MailChannel;
import com.omnicanal.messaging.templates.MustacheTemplates;
import com.omnicanal.messaging.twilio.TwilioChannel;
import com.omnicanal.messaging.twilio.TwilioClients;
import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.shared.BusinessMetrics;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The messaging half of the wiring. Twilio, the mail session and secrets are built on first use only: the other
 * functions never pay for them at cold start.
 */
public final class Messaging {
    private final Settings settings;
    private final DynamoDbClient dynamo;
    private final TableNames tables;
    private final Clock clock;
    private final DynamoDeliveryLog log;
    private final DynamoContactBook contacts;
    private final SentMessages sent;
    private final BusinessMetrics metrics;
    private final Tracing tracing;
    private final Supplier<Secrets> secrets;
    private final Supplier<OutboxDispatcher> outboxDispatcher;
    private final Supplier<Router> api;
    private final Supplier<MailFeedbackFunction> mailFeedback;

    Messaging(Settings settings, DynamoDbClient dynamo, TableNames tables, Clock clock, SentMessages sent,
              BusinessMetrics metrics, Tracing tracing) {
        this.settings = settings;
        this.dynamo = dynamo;
        this.tables = tables;
        this.metrics = metrics;
        this.tracing = tracing;
        this.sent = sent;
        this.clock = clock;
        this.log = new DynamoDeliveryLog(dynamo, tables.outbox());
        this.contacts = new DynamoContactBook(dynamo, tables.customers());
        this.secrets = Wiring.lazy(() -> Secrets.fromSettings(settings, clock, tracing));
        this.outboxDispatcher = Wiring.lazy(() -> new OutboxDispatcher(dispatcher(channels())));
        // the customer capability records the consent a complaint withdraws, through its own port
        this.mailFeedback = Wiring.lazy(() -> new MailFeedbackFunction(new HandlingMailFeedback(
                new DynamoCustomers(dynamo, tables.customers(), tables.outbox()),
                new DynamoUndeliverableAddresses(dynamo, tables.customers()), log)));
        this.api = Wiring.lazy(() -> MessagingApi.router(log, new SmsKeywords(contacts,
                        new DynamoSmsOptOuts(dynamo, tables.customers(), tables.idempotency(), tables.outbox()), clock, metrics),
                secrets.get().get("TWILIO_AUTH_TOKEN"), publicBaseUrl(), clock));
    }

    /** A dispatcher over the given channels (tests and benchmarks pass stubs). */
    public Dispatcher dispatcher(List<Channel> channels) {
        var policy = new Dispatcher.Policy(3, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofMinutes(2),
                settings.getInt("SMS_MAX_SEGMENTS", 3), Duration.ofMinutes(1));
        return new Dispatcher(log, contacts, new MustacheTemplates(), channels, policy, clock, Messaging::sleep, sent,
                metrics, new DynamoMarketingAllowances(dynamo, tables.customers(), fatigue()));
    }

    /** The marketing fatigue rules: template.yaml's parameters, else {@link MarketingFatigue#DEFAULT}. */
    MarketingFatigue fatigue() {
        var d = MarketingFatigue.DEFAULT;
        return new MarketingFatigue(settings.getInt("MARKETING_MAX_PER_WEEK", d.perWeek()),
                settings.getInt("MARKETING_MAX_PER_MONTH", d.perMonth()),
                settings.getDuration("MARKETING_MIN_GAP", d.minGap()));
    }

    public OutboxDispatcher outboxDispatcher() {
        return outboxDispatcher.get();
    }

    /** SES bounces and complaints from SNS: needs neither Twilio, mail nor secrets. */
    public MailFeedbackFunction mailFeedback() {
        return mailFeedback.get();
    }

    public MessageRedrive redrive() {
        return new MessageRedrive(log, clock);
    }

    public Router api() {
        return api.get();
    }

    public DynamoDeliveryLog log() {
        return log;
    }

    public DynamoContactBook contacts() {
        return contacts;
    }

    private List<Channel> channels() {
        var twilio = TwilioClients.create(settings.get("TWILIO_ACCOUNT_SID", "AC00000000000000000000000000000000"),
                secrets.get().get("TWILIO_AUTH_TOKEN"), settings.get("TWILIO_API_BASE").orElse(null));
        var callback = URI.create(publicBaseUrl() + "/webhooks/twilio/status");
        var mail = new MailChannel(new MailChannel.SmtpSettings(settings.get("SMTP_HOST", "127.0.0.1"),
                settings.getInt("SMTP_PORT", 587), settings.get("SMTP_USER").orElse(null),
                settings.get("SMTP_USER").isPresent() ? secrets.get().get("SMTP_PASSWORD") : null,
                Boolean.parseBoolean(settings.get("SMTP_STARTTLS", "true")),
                settings.get("MAIL_FROM", "bonjour@omnicanal.example"), settings.get("MAIL_FROM_NAME", "Omnicanal"),
                publicBaseUrl() + "/unsubscribe", settings.get("MAIL_CONFIGURATION_SET").orElse(null)));
        return List.of(
                traced("Twilio", new TwilioChannel(ChannelKind.WHATSAPP, twilio, settings.get("TWILIO_WHATSAPP_FROM",
                        "+14155238886"), callback)),
                traced("Twilio", new TwilioChannel(ChannelKind.SMS, twilio, settings.get("TWILIO_SMS_FROM", "+33700000000"),
                        callback)),
                traced("SMTP", mail));
    }

    /** Each send an X-Ray subsegment of that name, when tracing is on. */
    private Channel traced(String name, Channel channel) {
        if (!tracing.isOn()) return channel;
        return new Channel() {
            @Override
            public ChannelKind kind() {
                return channel.kind();
            }

            @Override
            public SendOutcome send(Envelope envelope) {
                return tracing.remote(name, () -> channel.send(envelope), outcome -> !(outcome instanceof SendOutcome.Sent));
            }
        };
    }

    private String publicBaseUrl() {
        return settings.get("PUBLIC_BASE_URL", "http://127.0.0.1:3000");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

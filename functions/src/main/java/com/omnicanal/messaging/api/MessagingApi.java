package com.omnicanal.messaging.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.omnicanal.api.Callers;
import com.omnicanal.api.DomainProblems;
import com.omnicanal.infrastructure.http.ApiRequest;
import com.omnicanal.infrastructure.http.ApiResponse;
import com.omnicanal.infrastructure.http.FormData;
import com.omnicanal.infrastructure.http.Problem;
import com.omnicanal.infrastructure.http.ProblemException;
import com.omnicanal.infrastructure.http.Router;
import com.omnicanal.messaging.DeliveryLog;
import com.omnicanal.messaging.DeliveryStatus;
import com.omnicanal.messaging.MessageRecord;
import com.omnicanal.messaging.MessageView;
import com.omnicanal.messaging.SmsKeywords;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.Page;
import com.twilio.security.RequestValidator;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/** The messaging Lambda: Twilio's webhooks (checked by signature) and the delivery log. */
public final class MessagingApi {
    private static final int PAGE = 20;

    private MessagingApi() {
    }

    /** @param publicBaseUrl the URL Twilio calls (API Gateway's), which the signature covers */
    public static Router router(DeliveryLog log, SmsKeywords keywords, String twilioAuthToken, String publicBaseUrl,
                                Clock clock) {
        var validator = new RequestValidator(twilioAuthToken);
        return Router.builder()
                .route("POST /webhooks/twilio/status", request -> {
                    var form = signedForm(request, validator, publicBaseUrl);
                    var sid = form.get("MessageSid");
                    var status = DeliveryStatus.parse(form.get("MessageStatus"));
                    if (sid != null && status.isPresent()) {
                        log.updateDelivery(sid, status.get(), form.get("ErrorCode"), clock.instant());
                    }
                    return APIGatewayV2HTTPResponse.builder().withStatusCode(204).build();
                })
                .route("POST /webhooks/twilio/inbound", request -> {
                    var form = signedForm(request, validator, publicBaseUrl);
                    var reply = keywords.handle(form.get("MessageSid"), form.get("From"), form.get("Body"));
                    var twiml = reply == null ? "<Response/>"
                            : "<Response><Message>" + xml(reply) + "</Message></Response>";
                    return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                            .withHeaders(Map.of("Content-Type", "text/xml; charset=utf-8")).withBody(twiml).build();
                })
                .route("GET /customers/me/messages", request -> ApiResponse.ok(view(
                        log.byCustomer(Callers.actor(request).id(), request.query("cursor").orElse(null), PAGE))))
                .route("GET /ops/messages", request -> {
                    var actor = Callers.actor(request);
                    if (actor.role() != com.omnicanal.shared.Actor.Role.OPS) {
                        throw new DomainException.Forbidden("the delivery log of every customer is for ops");
                    }
                    MessageRecord.Status status;
                    try {
                        status = MessageRecord.Status.valueOf(request.query("status").orElse("FAILED").toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new DomainException.InvalidInput("status",
                                "must be one of pending, sending, retry, deferred, sent, failed, withheld");
                    }
                    return ApiResponse.ok(view(log.byStatus(status, request.query("cursor").orElse(null), PAGE)));
                })
                .errors(DomainProblems::of)
                .build();
    }

    private static Page<MessageView> view(Page<MessageRecord> page) {
        return new Page<>(page.items().stream().map(MessageView::of).toList(), page.nextCursor());
    }

    /** The form parameters, once X-Twilio-Signature proves Twilio sent them; otherwise 403 and nothing changes. */
    static Map<String, String> signedForm(ApiRequest request, RequestValidator validator, String publicBaseUrl) {
        var form = FormData.parse(request.rawBody());
        var signature = request.header("X-Twilio-Signature").orElse(null);
        var path = request.rawPath();
        var query = request.rawQueryString();
        var url = publicBaseUrl + path + (query == null || query.isEmpty() ? "" : "?" + query);
        if (signature == null || !validator.validate(url, form, signature)) {
            throw new ProblemException(Problem.of(403, "forbidden", "Forbidden", "X-Twilio-Signature does not match"));
        }
        return form;
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

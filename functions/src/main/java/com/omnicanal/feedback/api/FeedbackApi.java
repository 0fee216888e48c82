package com.omnicanal.feedback.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.omnicanal.api.Callers;
import com.omnicanal.api.DomainProblems;
import com.omnicanal.feedback.FeedbackJourneys;
import com.omnicanal.feedback.PromptingVisitors;
import com.omnicanal.feedback.Questionnaire;
import com.omnicanal.feedback.Response;
import com.omnicanal.feedback.TillVisit;
import com.omnicanal.infrastructure.http.ApiResponse;
import com.omnicanal.infrastructure.http.ResponseMemory;
import com.omnicanal.infrastructure.http.Router;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The feedback Lambda: ops manage questionnaires and read results; customers answer by link or in the storefront. */
public final class FeedbackApi {
    private FeedbackApi() {
    }

    public record Answers(List<Response.Answer> answers) {
    }

    public record Visit(String customerId, String phone) {
    }

    /** {@code answers} keeps the first answer of the routes openapi.yaml declares x-idempotency: response. */
    public static Router router(FeedbackJourneys feedback, ResponseMemory answers) {
        var questionnaires = feedback.managingQuestionnaires();
        var answering = feedback.answeringQuestionnaires();
        var prompting = feedback.promptingVisitors();
        return Router.builder().remembering(answers)
                .route("POST /ops/questionnaires", request -> {
                    var q = questionnaires.create(Callers.actor(request), request.body(Questionnaire.class));
                    return ApiResponse.created(q, "/ops/questionnaires/" + q.id());
                })
                .route("GET /ops/questionnaires", request -> ApiResponse.ok(Map.of("items",
                        questionnaires.list(Callers.actor(request)))))
                .route("GET /ops/questionnaires/{id}", request -> ApiResponse.ok(questionnaires.get(Callers.actor(request),
                        request.path("id"))))
                .route("PUT /ops/questionnaires/{id}", request -> ApiResponse.ok(questionnaires.update(
                        Callers.actor(request), request.path("id"), request.body(Questionnaire.class))))
                .route("GET /ops/questionnaires/{id}/results", request -> {
                    var actor = Callers.actor(request);
                    var results = feedback.readingResults();
                    // json or csv: openapi.yaml's enum
                    if (request.query("format").orElse("json").equals("csv")) {
                        return csv(results.csv(actor, request.path("id")), request.path("id"));
                    }
                    return ApiResponse.ok(results.results(actor, request.path("id")));
                })
                .route("GET /feedback/{token}", request -> ApiResponse.ok(answering.open(request.path("token"))))
                .route("POST /feedback/{token}", request -> ApiResponse.json(201, answering.answer(request.path("token"),
                        request.body(Answers.class).answers()), Map.of()))
                .route("POST /feedback/prompt", request -> ApiResponse.ok(prompting.prompt(Optional.empty(),
                        request.body(PromptingVisitors.PromptRequest.class))))
                .route("POST /customers/me/feedback/prompt", request -> ApiResponse.ok(prompting.prompt(
                        Optional.of(Callers.actor(request)), request.body(PromptingVisitors.PromptRequest.class))))
                .route("POST /stores/{storeId}/visits", request -> {
                    var visit = request.body(Visit.class);
                    return ApiResponse.json(201, feedback.recordingVisits().record(Callers.actor(request),
                            request.path("storeId"), new TillVisit(visit.customerId(), visit.phone())), Map.of());
                })
                .route("POST /rewards/{code}/redeem", request -> ApiResponse.ok(feedback.redeemingRewards().redeem(
                        Callers.actor(request), request.path("code"))))
                .errors(DomainProblems::of)
                .build();
    }

    private static APIGatewayV2HTTPResponse csv(String text, String id) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "text/csv; charset=utf-8",
                        "Content-Disposition", "attachment; filename=\"" + id + "-answers.csv\""))
                .withBody(text).withIsBase64Encoded(false).build();
    }
}

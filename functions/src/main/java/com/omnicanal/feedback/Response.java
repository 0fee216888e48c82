package com.omnicanal.feedback;

import java.time.Instant;
import java.util.List;

/** The answers to one invitation, with the questionnaire version they answered; no personal data. */
public record Response(String invitationId, String questionnaireId, int version, String storeId, Instant respondedAt,
                       List<Answer> answers) {

    /** A score (NPS 0-10, CSAT 1-5), chosen options, or free text; the kind is kept so results survive new versions. */
    public record Answer(String questionId, Questionnaire.Kind kind, Integer score, List<String> choices, String text) {
    }
}

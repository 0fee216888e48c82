package com.omnicanal.feedback;

import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A questionnaire's results: response rate, NPS and average CSAT overall, per store and per ISO week, and the free-text
 * answers (already stripped of personal data). Response rates count invitations by the week they were sent.
 */
public record Results(String questionnaireId, String name, int currentVersion, Slice overall, List<Slice> byStore,
                      List<Slice> byWeek, List<FreeText> freeText) {

    public record Slice(String key, int sent, int answered, Double responseRate, Double nps, Double csat, int npsAnswers,
                        int csatAnswers) {
    }

    public record FreeText(String questionId, int version, String storeId, String week, String text) {
    }

    public static String week(java.time.Instant at) {
        var d = at.atZone(ZoneOffset.UTC);
        return String.format("%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    public static Results of(Questionnaire q, List<Response> responses, List<FeedbackStore.Tally> tallies) {
        var overall = slice("all", responses, tallies);
        var byStore = group(responses, tallies, r -> store(r.storeId()), t -> store(t.storeId()));
        var byWeek = group(responses, tallies, r -> week(r.respondedAt()), FeedbackStore.Tally::week);
        var texts = new ArrayList<FreeText>();
        for (var r : responses) {
            for (var a : r.answers()) {
                if (a.kind() == Questionnaire.Kind.TEXT) {
                    texts.add(new FreeText(a.questionId(), r.version(), r.storeId(), week(r.respondedAt()), a.text()));
                }
            }
        }
        return new Results(q.id(), q.name(), q.version(), overall, byStore, byWeek, texts);
    }

    private static String store(String storeId) {
        return storeId == null ? "online" : storeId;
    }

    private static List<Slice> group(List<Response> responses, List<FeedbackStore.Tally> tallies,
                                     Function<Response, String> responseKey, Function<FeedbackStore.Tally, String> tallyKey) {
        var keys = new TreeMap<String, Boolean>();
        responses.forEach(r -> keys.put(responseKey.apply(r), true));
        tallies.forEach(t -> keys.put(tallyKey.apply(t), true));
        var slices = new ArrayList<Slice>();
        for (var key : keys.keySet()) {
            slices.add(slice(key, responses.stream().filter(r -> responseKey.apply(r).equals(key)).toList(),
                    tallies.stream().filter(t -> tallyKey.apply(t).equals(key)).toList()));
        }
        return slices;
    }

    private static Slice slice(String key, List<Response> responses, List<FeedbackStore.Tally> tallies) {
        int sent = tallies.stream().mapToInt(FeedbackStore.Tally::sent).sum();
        int answered = tallies.stream().mapToInt(FeedbackStore.Tally::answered).sum();
        var nps = scores(responses, Questionnaire.Kind.NPS);
        var csat = scores(responses, Questionnaire.Kind.CSAT);
        return new Slice(key, sent, answered, sent == 0 ? null : (double) answered / sent, Scores.nps(nps),
                Scores.csat(csat), nps.size(), csat.size());
    }

    private static List<Integer> scores(List<Response> responses, Questionnaire.Kind kind) {
        return responses.stream().flatMap(r -> r.answers().stream()).filter(a -> a.kind() == kind)
                .map(Response.Answer::score).toList();
    }

    /** One row per answer, for a spreadsheet: no customer, only store, week, version and the answer. */
    public static String csv(List<Response> responses) {
        var out = new StringBuilder("respondedAt,week,storeId,version,questionId,kind,score,choices,text\r\n");
        for (var r : responses) {
            for (var a : r.answers()) {
                out.append(String.join(",", r.respondedAt().toString(), week(r.respondedAt()), cell(store(r.storeId())),
                        String.valueOf(r.version()), cell(a.questionId()), a.kind().name(),
                        a.score() == null ? "" : a.score().toString(),
                        cell(a.choices() == null ? "" : String.join("|", a.choices())), cell(a.text()))).append("\r\n");
            }
        }
        return out.toString();
    }

    /** RFC 4180 quoting, and no leading = + - @ so a spreadsheet never runs an answer as a formula. */
    static String cell(String value) {
        if (value == null || value.isEmpty()) return "";
        var v = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }
}

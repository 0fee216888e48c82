package com.omnicanal.messaging.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.messaging.Templates;
import com.omnicanal.outbox.ChannelKind;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Strict rendering: what a template names must be in the data, and nothing is printed blank. */
@Tag("fast")
class MustacheTemplatesTest {
    private final MustacheTemplates templates = new MustacheTemplates();

    private static Map<String, String> confirmation() {
        var data = new HashMap<String, String>();
        data.put("reservationRef", "7RMWT4");
        data.put("sku", "TSH-COT-BLU-M");
        data.put("productName", "T-shirt coton bio bleu");
        data.put("quantity", "1");
        data.put("storeName", "Omnicanal Paris Rivoli");
        data.put("storeAddress", "112 rue de Rivoli, 75001 Paris");
        data.put("expiresDate", "25/11/2026");
        data.put("expiresTime", "10:00");
        return data;
    }

    @Test
    void everythingTheTemplateNamesIsPrinted() {
        var sms = templates.render("RESERVATION_CONFIRMED", "fr", ChannelKind.SMS, confirmation()).text();

        assertThat(sms).contains("jusqu'au 25/11/2026 à 10:00").endsWith("Réf. 7RMWT4");
    }

    @Test
    void aVariableMissingFromTheDataThrowsOnEveryChannelInsteadOfPrintingNothing() {
        var data = confirmation();
        data.remove("expiresTime");

        for (var channel : ChannelKind.values()) {
            assertThatThrownBy(() -> templates.render("RESERVATION_CONFIRMED", "fr", channel, data))
                    .as(channel.name()).isInstanceOf(Templates.MissingData.class)
                    .hasMessageContaining("templates/reservation_confirmed/fr/").hasMessageContaining("expiresTime");
        }
    }

    @Test
    void aBlankValueThrowsToo() {
        var data = confirmation();
        data.put("expiresDate", " ");

        assertThatThrownBy(() -> templates.render("RESERVATION_CONFIRMED", "en", ChannelKind.EMAIL, data))
                .isInstanceOf(Templates.MissingData.class).hasMessageContaining("blank");
    }

    @Test
    void anOptionalPartIsLeftOutWhenItsValueIsEmptyButItsKeyMustBeWritten() {
        var feedback = new HashMap<String, String>(Map.of("storeName", "Omnicanal Paris Rivoli", "minutes", "2",
                "link", "https://api.omnicanal.example/feedback/t", "questionnaire", "Retrait", "expiresDate", "07/12/2026",
                "rewardPercent", ""));

        assertThat(templates.render("FEEDBACK_INVITATION", "fr", ChannelKind.SMS, feedback).text())
                .doesNotContain("offerts").contains("Votre avis en 2 min ? https://");
        feedback.put("rewardPercent", "10");
        assertThat(templates.render("FEEDBACK_INVITATION", "fr", ChannelKind.SMS, feedback).text())
                .contains("-10 % offerts en remerciement.");
        feedback.remove("rewardPercent");
        // a section whose key is missing is a typo or a producer that forgot it, not "no reward"
        assertThatThrownBy(() -> templates.render("FEEDBACK_INVITATION", "fr", ChannelKind.SMS, feedback))
                .isInstanceOf(Templates.MissingData.class).hasMessageContaining("rewardPercent");
    }
}

package com.omnicanal.infrastructure.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class FormDataTest {
    @Test
    void decodesFormsAndQueryStrings() {
        assertThat(FormData.parse("From=%2B33612345678&Body=Arr%C3%AAt+svp&Empty=&Flag")).isEqualTo(
                Map.of("From", "+33612345678", "Body", "Arrêt svp", "Empty", "", "Flag", ""));
        assertThat(FormData.parse("a=1&a=2")).containsEntry("a", "1");
        assertThat(FormData.parse("a=1&a=2", true)).containsEntry("a", "1,2");
        assertThat(FormData.parse(null)).isEmpty();
    }
}

package com.omnicanal.messaging;

/**
 * SMS length in segments: GSM-7 (160 characters, 153 per part when split, extension characters count twice) unless
 * one character needs UCS-2 (70, 67 per part).
 */
public final class SmsText {
    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    public enum Encoding { GSM7, UCS2 }

    public record Segments(Encoding encoding, int units, int count) {
    }

    private SmsText() {
    }

    /** Typographic characters people and templates use that have a GSM-7 twin: keeps a French SMS in GSM-7. */
    public static String gsmFriendly(String text) {
        return text.replace('’', '\'').replace('‘', '\'').replace('“', '"').replace('”', '"')
                .replace('«', '"').replace('»', '"').replace('\u00A0', ' ').replace('\u202F', ' ')
                .replace("…", "...").replace('–', '-').replace('—', '-').replace('ê', 'e').replace('â', 'a')
                .replace('î', 'i').replace('ô', 'o').replace('û', 'u').replace('ë', 'e').replace('ï', 'i')
                .replace('ç', 'c').replace('À', 'A').replace('Â', 'A').replace('È', 'E').replace('Ê', 'E')
                .replace('Ë', 'E').replace('Î', 'I').replace('Ï', 'I').replace('Ô', 'O').replace('Ù', 'U')
                .replace('Û', 'U').replace("œ", "oe").replace("Œ", "OE");
    }

    public static Segments segments(String text) {
        int septets = 0;
        boolean gsm = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                septets++;
            } else if (GSM_EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                gsm = false;
                break;
            }
        }
        if (gsm) {
            return new Segments(Encoding.GSM7, septets, septets <= 160 ? 1 : (septets + 152) / 153);
        }
        int units = text.length();  // UTF-16 code units, as UCS-2 counts them
        return new Segments(Encoding.UCS2, units, units <= 70 ? 1 : (units + 66) / 67);
    }

    /** The text, shortened with "..." if needed so it fits in {@code maxSegments}. */
    public static String fit(String text, int maxSegments) {
        if (segments(text).count() <= maxSegments) return text;
        int low = 0;
        int high = text.length();
        while (low < high) {
            int mid = (low + high + 1) / 2;
            if (segments(text.substring(0, mid).stripTrailing() + "...").count() <= maxSegments) low = mid;
            else high = mid - 1;
        }
        return text.substring(0, low).stripTrailing() + "...";
    }
}

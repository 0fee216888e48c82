package com.omnicanal.local;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The local inbox as a page: each SMS, WhatsApp message and email as the customer would see it, newest first. */
final class InboxPage {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM HH:mm:ss").withZone(ZoneId.of("Europe/Paris"));

    private InboxPage() {
    }

    static String render(List<LocalInbox.Item> items, List<String> deadLetters) {
        var html = new StringBuilder("""
                <!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Omnicanal - local inbox</title>
                <meta http-equiv="refresh" content="5">
                <style>body{font-family:Arial,sans-serif;background:#f4f4f6;margin:2em;color:#222}
                .msg{background:#fff;border-radius:10px;padding:1em;margin:1em 0;max-width:720px;box-shadow:0 1px 3px #0002}
                .meta{color:#666;font-size:.85em;margin-bottom:.5em}.sms .bubble{background:#e5f0ff;border-radius:14px;padding:.7em 1em;display:inline-block;white-space:pre-wrap}
                .whatsapp .bubble{background:#dcf8c6;border-radius:14px;padding:.7em 1em;display:inline-block;white-space:pre-wrap}
                .tag{font-weight:bold;font-size:.75em;padding:.15em .5em;border-radius:4px;background:#333;color:#fff;margin-right:.5em}
                iframe{width:100%;height:320px;border:1px solid #ddd;border-radius:6px}</style></head><body>
                <h1>Local inbox</h1><p>Everything the local stack sent, newest first (refreshes every 5 s).
                As JSON: <a href="/_local/inbox.json">/_local/inbox.json</a></p>
                """);
        if (!deadLetters.isEmpty()) {
            html.append("<p><strong>Dead letters:</strong> ").append(escape(String.join(", ", deadLetters))).append("</p>");
        }
        if (items.isEmpty()) html.append("<p>Nothing yet: reserve something and the confirmation lands here.</p>");
        for (var item : items) {
            var channel = item.channel().toLowerCase();
            html.append("<div class=\"msg ").append(channel).append("\"><div class=\"meta\"><span class=\"tag\">")
                    .append(item.channel()).append("</span>").append(escape(TIME.format(item.at()))).append(" &middot; to ")
                    .append(escape(item.to())).append(" &middot; from ").append(escape(item.from()))
                    .append(" &middot; ").append(escape(item.status())).append("</div>");
            if (item.channel().equals("EMAIL")) {
                html.append("<div><strong>").append(escape(item.subject())).append("</strong></div>");
                html.append("<iframe sandbox srcdoc=\"").append(escape(item.html() == null ? item.text() : item.html()))
                        .append("\"></iframe>");
                if (item.calendar() != null) {
                    html.append("<details><summary>invite.ics (calendar invitation)</summary><pre>")
                            .append(escape(item.calendar())).append("</pre></details>");
                }
            } else {
                html.append("<div class=\"bubble\">").append(escape(item.text())).append("</div>");
            }
            html.append("</div>");
        }
        return html.append("</body></html>").toString();
    }

    private static String escape(String text) {
        if (text == null) return "";
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

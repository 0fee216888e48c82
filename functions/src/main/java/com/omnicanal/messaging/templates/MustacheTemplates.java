package com.omnicanal.messaging.templates;

import com.omnicanal.messaging.ChannelKind;
import com.omnicanal.messaging.Rendered;
import com.omnicanal.messaging.Templates;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Templates per message kind and language under templates/{kind}/{lang}/ (sms, email-subject, email.txt,
 * email.html), rendered with JMustache: logic-less, one small jar, HTML-escaping only where it is HTML.
 */
public final class MustacheTemplates implements Templates {
    public static final String DEFAULT_LANGUAGE = "fr";
    private static final Mustache.Compiler TEXT = Mustache.compiler().escapeHTML(false).defaultValue("");
    private static final Mustache.Compiler HTML = Mustache.compiler().escapeHTML(true).defaultValue("");

    private final Map<String, Template> cache = new ConcurrentHashMap<>();
    private final Map<String, String> languages = new ConcurrentHashMap<>();

    @Override
    public Rendered render(String kind, String language, ChannelKind channel, Map<String, String> data) {
        // looked up once per kind and language, not on every message
        var lang = languages.computeIfAbsent(kind + "/" + language,
                k -> exists(kind, language, "sms.mustache") ? language : DEFAULT_LANGUAGE);
        if (channel == ChannelKind.EMAIL) {
            var subject = template(kind, lang, "email-subject.mustache", TEXT).execute(data).strip();
            var text = template(kind, lang, "email.txt.mustache", TEXT).execute(data);
            String html;
            if (exists(kind, lang, "email.html.mustache")) {
                html = template(kind, lang, "email.html.mustache", HTML).execute(data);
            } else {
                // kinds without their own HTML get the shared layout, one paragraph per block of the text
                var page = new java.util.HashMap<String, Object>(data);
                page.put("subject", subject);
                page.put("paragraphs", java.util.Arrays.stream(text.strip().split("\\n\\s*\\n")).toList());
                html = template("layout", lang, "email.html.mustache", HTML).execute(page);
            }
            return new Rendered(subject, text, html);
        }
        return new Rendered(null, template(kind, lang, "sms.mustache", TEXT).execute(data).strip(), null);
    }

    private static boolean exists(String kind, String language, String file) {
        return language != null && MustacheTemplates.class.getClassLoader()
                .getResource(path(kind, language, file)) != null;
    }

    private Template template(String kind, String lang, String file, Mustache.Compiler compiler) {
        return cache.computeIfAbsent(path(kind, lang, file), path -> {
            var in = MustacheTemplates.class.getClassLoader().getResourceAsStream(path);
            if (in == null) throw new IllegalStateException("no template " + path);
            try (var reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return compiler.compile(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String path(String kind, String lang, String file) {
        return "templates/" + kind.toLowerCase() + "/" + lang + "/" + file;
    }
}

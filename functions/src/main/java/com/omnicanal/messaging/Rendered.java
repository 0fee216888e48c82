package com.omnicanal.messaging;

/** A message rendered for one channel and language: subject and HTML only for email. */
public record Rendered(String subject, String text, String html) {
}

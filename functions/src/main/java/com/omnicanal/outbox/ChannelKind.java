package com.omnicanal.outbox;

/** The ways we reach a customer. */
public enum ChannelKind { WHATSAPP, SMS, EMAIL }

package com.omnicanal.messaging;

/** The ways we reach a customer. */
public enum ChannelKind { WHATSAPP, SMS, EMAIL }

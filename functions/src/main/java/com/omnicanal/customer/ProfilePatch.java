package com.omnicanal.customer;

import java.util.List;

/** PATCH /customers/me: absent fields stay as they are. */
public record ProfilePatch(String firstName, String lastName, String language, List<String> preferredChannels,
                           Profile.QuietHours quietHours, String homeStoreId) {
}

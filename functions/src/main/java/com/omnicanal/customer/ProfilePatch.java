package com.omnicanal.customer;

import java.util.List;

/**
 * PATCH /customers/me: absent fields stay as they are; {@code removeQuietHours} is the body's {@code "quietHours": null}.
 */
public record ProfilePatch(String firstName, String lastName, String language, List<String> preferredChannels,
                           Profile.QuietHours quietHours, String homeStoreId, boolean removeQuietHours) {

    public ProfilePatch {
        if (removeQuietHours && quietHours != null) {
            throw new IllegalArgumentException("quiet hours are either set or removed, not both");
        }
    }

    /** A patch that removes nothing. */
    public ProfilePatch(String firstName, String lastName, String language, List<String> preferredChannels,
                        Profile.QuietHours quietHours, String homeStoreId) {
        this(firstName, lastName, language, preferredChannels, quietHours, homeStoreId, false);
    }
}

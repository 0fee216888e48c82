package com.omnicanal.customer;

import java.util.List;

/**
 * PATCH /customers/me: absent fields stay as they are; {@code removeQuietHours} is the body's {@code "quietHours": null},
 * {@code removeBirthDate} its {@code "birthDate": null}; {@code birthDate} is as typed (YYYY-MM-DD), checked by
 * {@link UpdatingProfile}.
 */
public record ProfilePatch(String firstName, String lastName, String language, List<String> preferredChannels,
                           Profile.QuietHours quietHours, String homeStoreId, boolean removeQuietHours,
                           String birthDate, boolean removeBirthDate) {

    public ProfilePatch {
        if (removeQuietHours && quietHours != null) {
            throw new IllegalArgumentException("quiet hours are either set or removed, not both");
        }
        if (removeBirthDate && birthDate != null) {
            throw new IllegalArgumentException("a birth date is either set or removed, not both");
        }
    }

    /** A patch that leaves the birth date as it is. */
    public ProfilePatch(String firstName, String lastName, String language, List<String> preferredChannels,
                        Profile.QuietHours quietHours, String homeStoreId, boolean removeQuietHours) {
        this(firstName, lastName, language, preferredChannels, quietHours, homeStoreId, removeQuietHours, null, false);
    }

    /** A patch that removes nothing. */
    public ProfilePatch(String firstName, String lastName, String language, List<String> preferredChannels,
                        Profile.QuietHours quietHours, String homeStoreId) {
        this(firstName, lastName, language, preferredChannels, quietHours, homeStoreId, false);
    }
}

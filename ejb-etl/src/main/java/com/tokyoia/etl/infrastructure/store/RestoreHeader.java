package com.tokyoia.etl.infrastructure.store;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S3's x-amz-restore header: {@code ongoing-request="true"} while a restore runs, then
 * {@code ongoing-request="false", expiry-date="Fri, 21 Dec 2012 00:00:00 GMT"} while the restored
 * copy is there. Absent when no restore was asked for.
 */
final class RestoreHeader {
    private static final Pattern ONGOING = Pattern.compile("ongoing-request=\"(true|false)\"");
    private static final Pattern EXPIRY = Pattern.compile("expiry-date=\"([^\"]+)\"");

    private RestoreHeader() {
    }

    static boolean ongoing(String header) {
        if (header == null) {
            return false;
        }
        Matcher m = ONGOING.matcher(header);
        return m.find() && m.group(1).equals("true");
    }

    static Instant expiry(String header) {
        if (header == null) {
            return null;
        }
        Matcher m = EXPIRY.matcher(header);
        if (!m.find()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(m.group(1), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

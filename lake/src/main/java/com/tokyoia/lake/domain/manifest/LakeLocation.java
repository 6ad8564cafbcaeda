package com.tokyoia.lake.domain.manifest;

import java.nio.file.Path;

/**
 * Where copies of the lake are: the store's kind ({@code local} or {@code s3}), its root URI
 * ({@code file:///var/lib/tokyo-ia/lake}, {@code s3://bucket/prefix}) and the catalog that describes
 * them ({@code none}, {@code trino}, {@code glue}). Any part may be null: not known (a manifest row
 * written before locations were recorded).
 */
public record LakeLocation(String store, String root, String catalog) {
    public static final String LOCAL = "local";
    public static final String S3 = "s3";

    /** A local lake: the directory's absolute URI without a trailing slash; local lakes have no catalog. */
    public static LakeLocation local(Path root) {
        String uri = root.toAbsolutePath().normalize().toUri().toString();
        return new LakeLocation(LOCAL, uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri, "none");
    }

    public static LakeLocation s3(String rootUri, String catalog) {
        return new LakeLocation(S3, rootUri, catalog);
    }

    /** Whether the two name a different store, root or catalog; what either does not record matches anything. */
    public boolean conflictsWith(LakeLocation other) {
        return differs(store, other.store) || differs(root, other.root) || differs(catalog, other.catalog);
    }

    private static boolean differs(String a, String b) {
        return a != null && b != null && !a.equals(b);
    }

    @Override
    public String toString() {
        return (store != null ? "the " + store + " store" : "a store") + (root != null ? " " + root : "")
                + (catalog != null ? " (catalog " + catalog + ")" : "");
    }
}

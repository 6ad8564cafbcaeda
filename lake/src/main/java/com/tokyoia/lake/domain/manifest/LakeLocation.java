package com.tokyoia.lake.domain.manifest;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

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

    /** The catalogs a location can name. */
    public static final List<String> CATALOGS = List.of("none", "trino", "glue");

    /**
     * A location as operators write it: {@code file:///dir} (a local lake, catalog none) or
     * {@code s3://bucket[/prefix]} with the catalog that will describe it (trino, glue, or none).
     *
     * @throws IllegalArgumentException naming what is wrong with the text
     */
    public static LakeLocation parse(String uri, String catalog) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("is required: file:///directory or s3://bucket/prefix");
        }
        String trimmed = uri.strip().replaceAll("/+$", "");
        String named = catalog == null || catalog.isBlank() ? "none" : catalog.strip();
        if (!CATALOGS.contains(named)) {
            throw new IllegalArgumentException("names the catalog '" + named + "': it must be one of " + CATALOGS);
        }
        if (trimmed.startsWith("s3://")) {
            // One spelling per root: no empty or dot segments, which S3 clients would fold into another key.
            if (!trimmed.matches("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[A-Za-z0-9_=-][A-Za-z0-9._=-]*)*")) {
                throw new IllegalArgumentException("'" + uri + "' is not s3://bucket or s3://bucket/prefix with a valid bucket name "
                        + "and prefix segments of letters, digits and . _ = - (no empty or dot segments)");
            }
            return s3(trimmed, named);
        }
        if (trimmed.startsWith("file:/")) {
            if (!named.equals("none")) {
                throw new IllegalArgumentException("is a local directory: it has no catalog, not '" + named + "'");
            }
            try {
                return local(Path.of(new URI(trimmed)));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + uri + "' is not a file URI of a directory (file:///var/lib/tokyo-ia/lake)");
            }
        }
        throw new IllegalArgumentException("'" + uri + "' is neither file:///directory nor s3://bucket/prefix");
    }

    /** This location with what it does not record taken from {@code known}. */
    public LakeLocation orElse(LakeLocation known) {
        return new LakeLocation(store != null ? store : known.store, root != null ? root : known.root,
                catalog != null ? catalog : known.catalog);
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

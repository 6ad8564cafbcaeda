package com.tokyoia.persistence.domain.manifest;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One exported copy of one table's day in the lake: the single source of truth for what the lake
 * holds. The ETL commits a row only after the object is in place and verified.
 */
@Entity
@Table(name = "export_manifest")
public class ExportManifestEntry {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "table_name", nullable = false, updatable = false)
    private String tableName;
    @Column(nullable = false, updatable = false)
    private LocalDate day;
    @Column(nullable = false, updatable = false)
    private int version;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ManifestStatus status;
    @Column(name = "row_count")
    private Long rowCount;
    private Long bytes;
    /** Per-column compressed sizes from the Parquet footer, as JSON {"column": bytes}. */
    @Column(name = "column_sizes")
    private String columnSizes;
    @Column(name = "content_checksum")
    private String contentChecksum;
    private String sha256;
    @Column(name = "object_key")
    private String objectKey;
    private String etag;
    @Column(name = "storage_class")
    private String storageClass;
    @Column(name = "error_message")
    private String errorMessage;
    @Column(name = "execution_id")
    private Long executionId;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "exported_at")
    private Instant exportedAt;
    @Column(name = "validated_at")
    private Instant validatedAt;
    @Column(name = "purged_at")
    private Instant purgedAt;
    @Column(name = "archived_at")
    private Instant archivedAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ExportManifestEntry() {
    }

    public ExportManifestEntry(String tableName, LocalDate day, int version, Instant now) {
        this.tableName = tableName;
        this.day = day;
        this.version = version;
        this.status = ManifestStatus.EXPORTING;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public Long getId() { return id; }
    public String getTableName() { return tableName; }
    public LocalDate getDay() { return day; }
    public int getVersion() { return version; }
    public ManifestStatus getStatus() { return status; }
    public Long getRowCount() { return rowCount; }
    public Long getBytes() { return bytes; }
    public String getColumnSizes() { return columnSizes; }
    public String getContentChecksum() { return contentChecksum; }
    public String getSha256() { return sha256; }
    public String getObjectKey() { return objectKey; }
    public String getEtag() { return etag; }
    public String getStorageClass() { return storageClass; }
    public String getErrorMessage() { return errorMessage; }
    public Long getExecutionId() { return executionId; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getExportedAt() { return exportedAt; }
    public Instant getValidatedAt() { return validatedAt; }
    public Instant getPurgedAt() { return purgedAt; }
    public Instant getArchivedAt() { return archivedAt; }
    public Instant getUpdatedAt() { return updatedAt; }
}
